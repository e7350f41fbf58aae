//! The placeholder warning: one participant id the mentee of three or more pairs at the same time (the mentor of five or more), most likely a name an export masks (docs/data.md, "What is checked").

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use crate::data::intern::Interner;
use crate::data::model::{Pair, PersonIx, Role};
use crate::date::Date;
use crate::diag::{Diagnostics, quoted};

/// Pairs at the same time, in one role, that make an id look like a
/// placeholder: a mentee with three mentors at once is not a real
/// programme's, but a mentor with three mentees at once often is (the
/// example program has one), so mentors need five (docs/data.md, "What is
/// checked").
const fn at_once(role: Role) -> usize {
    match role {
        Role::Mentee => 3,
        Role::Mentor => 5,
    }
}

/// Warns, for each role, about every person with [`at_once`] or more
/// pairs in that role whose match windows overlap on some day.
pub(super) fn warn(pairs: &[Pair], people: &Interner, file: &str, diags: &mut Diagnostics) {
    for role in Role::ALL {
        let at_least = at_once(role);
        let person_of = |p: &Pair| match role {
            Role::Mentor => p.mentor,
            Role::Mentee => p.mentee,
        };
        let mut counts = vec![0u32; people.len()];
        for p in pairs {
            if let Some(n) = counts.get_mut(person_of(p) as usize) {
                *n += 1;
            }
        }
        // Only people with enough pairs are looked at closely.
        let mut windows: Vec<(PersonIx, Date, Date)> = pairs
            .iter()
            .filter(|p| {
                counts
                    .get(person_of(p) as usize)
                    .is_some_and(|&n| n as usize >= at_least)
            })
            .map(|p| {
                (
                    person_of(p),
                    p.matched_on,
                    p.ended_on.unwrap_or(Date(i32::MAX)),
                )
            })
            .collect();
        windows.sort_unstable();
        for run in windows.chunk_by(|a, b| a.0 == b.0) {
            let (most, on) = most_at_once(run);
            if most >= at_least {
                let person = run[0].0;
                diags.warning(
                    file,
                    None,
                    format!(
                        "{} is the {role} of {} pairs, {most} of them at the same time (on {on}): if this id stands for several people (a placeholder such as {} in an export that masks names), figures that count people (mentors, mentees, match rate) are wrong",
                        quoted(people.get(person)),
                        counts[person as usize],
                        quoted(if role == Role::Mentor { "Mentor" } else { "Mentee" }),
                        role = role.as_str(),
                    ),
                );
            }
        }
    }
}

/// The most windows (sorted by start) that hold one day, and the first
/// day that many do.
fn most_at_once(windows: &[(PersonIx, Date, Date)]) -> (usize, Date) {
    let mut ends: BinaryHeap<Reverse<Date>> = BinaryHeap::new();
    let mut best = (0, Date(0));
    for &(_, start, end) in windows {
        // Windows that ended before this one starts no longer overlap it
        // (windows include both ends).
        while ends.peek().is_some_and(|Reverse(e)| *e < start) {
            ends.pop();
        }
        ends.push(Reverse(end));
        if ends.len() > best.0 {
            best = (ends.len(), start);
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn overlaps_count_days_at_both_ends() {
        let w = |s, e| (0, Date(s), Date(e));
        // [0,10], [10,20], [15,30]: day 10 holds two, days 15–20 two; never three.
        assert_eq!(
            most_at_once(&[w(0, 10), w(10, 20), w(15, 30)]),
            (2, Date(10))
        );
        // [0,10], [5,20], [10,30]: day 10 holds all three.
        assert_eq!(
            most_at_once(&[w(0, 10), w(5, 20), w(10, 30)]),
            (3, Date(10))
        );
        // One after another: one at a time.
        assert_eq!(most_at_once(&[w(0, 4), w(5, 9), w(10, 14)]), (1, Date(0)));
    }

    #[test]
    fn warns_about_a_masked_mentee_only() {
        let mut people = Interner::default();
        let (ann, bob, cat, masked) = (
            people.intern("ann"),
            people.intern("bob"),
            people.intern("cat"),
            people.intern("Mentee"),
        );
        let pair = |mentor, mentee, start, end: Option<i32>| Pair {
            cohort: 0,
            mentor,
            mentee,
            matched_on: Date(start),
            ended_on: end.map(Date),
            status: None,
        };
        // Ann mentors three people one after another; "Mentee" is in three
        // pairs at once; Bob mentors two at once.
        let pairs = [
            pair(ann, bob, 0, Some(9)),
            pair(ann, cat, 10, Some(19)),
            pair(ann, masked, 20, None),
            pair(bob, masked, 25, None),
            pair(cat, masked, 30, Some(40)),
            pair(bob, cat, 26, None),
        ];
        let mut diags = Diagnostics::new();
        warn(&pairs, &people, "data/pairs.csv", &mut diags);
        let lines = diags.report_lines();
        assert_eq!(lines.len(), 1, "{lines:?}");
        // A mentor needs five pairs at once: Dan mentors four, then five.
        let dan = people.intern("dan");
        let mut more: Vec<Pair> = (0..4)
            .map(|i| pair(dan, 10 + i, 100 + i as i32, None))
            .collect();
        let mut people = people;
        for i in 0..5 {
            people.intern(&format!("x{i}"));
        }
        let mut diags = Diagnostics::new();
        warn(&more, &people, "data/pairs.csv", &mut diags);
        assert_eq!(diags.warning_count(), 0);
        more.push(pair(dan, 14, 200, None));
        warn(&more, &people, "data/pairs.csv", &mut diags);
        assert_eq!(diags.warning_count(), 1, "{:?}", diags.report_lines());
        assert!(
            lines[0].starts_with(&format!(
                "warning: data/pairs.csv: \"Mentee\" is the mentee of 3 pairs, 3 of them at the same time (on {})",
                Date(30)
            )),
            "{lines:?}"
        );
    }
}
