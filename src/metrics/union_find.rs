//! Disjoint sets of indices (union-find), to split a system into parts that share nothing.

/// Sets over `0..n`, merged by [`UnionFind::union`].
pub(super) struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    /// `n` sets of one index each.
    pub(super) fn new(n: usize) -> UnionFind {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    /// The representative of `x`'s set: its smallest index.
    pub(super) fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            let up = self.parent[self.parent[x]];
            self.parent[x] = up;
            x = up;
        }
        x
    }

    /// Merges the sets of `a` and `b`.
    pub(super) fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // Keep the smaller index as root: deterministic and cheap.
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[hi] = lo;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_merge_under_their_smallest_index() {
        let mut sets = UnionFind::new(6);
        sets.union(4, 2);
        sets.union(5, 4);
        sets.union(1, 3);
        assert_eq!(
            (0..6).map(|x| sets.find(x)).collect::<Vec<_>>(),
            [0, 1, 2, 1, 2, 2]
        );
        sets.union(3, 5);
        assert_eq!(
            (0..6).map(|x| sets.find(x)).collect::<Vec<_>>(),
            [0, 1, 1, 1, 1, 1]
        );
    }
}
