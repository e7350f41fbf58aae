//! The named phases of a build, how their start is announced ([`Progress`]) and how long each took ([`Timer`]).

use std::fmt;
use std::time::{Duration, Instant};

/// One step of the pipeline, in the order they run. Its name is what
/// `-v` prints beside its time and what the progress bar shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Phase {
    LoadData,
    LoadHandbook,
    ComputeFigures,
    DrawCharts,
    RenderPages,
    /// Writing the output folder: `mentorbook build` only.
    Write,
}

impl Phase {
    /// Every phase, in order: the build's, then writing.
    pub const ALL: [Phase; 6] = [
        Phase::LoadData,
        Phase::LoadHandbook,
        Phase::ComputeFigures,
        Phase::DrawCharts,
        Phase::RenderPages,
        Phase::Write,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Phase::LoadData => "load and validate data",
            Phase::LoadHandbook => "load handbook and templates",
            Phase::ComputeFigures => "compute figures",
            Phase::DrawCharts => "draw charts",
            Phase::RenderPages => "render pages",
            Phase::Write => "write output",
        }
    }
}

impl fmt::Display for Phase {
    /// The name, padded as the format asks (`{:<28}` lines up `-v`'s times).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.name())
    }
}

/// Told as each phase starts: the command line's progress bar. The build
/// itself never prints.
pub trait Progress {
    fn start(&self, _phase: Phase) {}
}

/// Progress that shows nothing: `check`, `report`, `serve` and tests.
pub struct NoProgress;

impl Progress for NoProgress {}

/// How long each phase took, in the order they ran.
pub type Timings = Vec<(Phase, Duration)>;

/// Runs phases one after the other, announcing each to a [`Progress`] and
/// recording how long it took.
pub struct Timer<'a> {
    progress: &'a dyn Progress,
    phases: Timings,
}

impl<'a> Timer<'a> {
    pub fn new(progress: &'a dyn Progress) -> Timer<'a> {
        Timer {
            progress,
            phases: Vec::new(),
        }
    }

    /// Runs `step` as `phase`. A step that fails (returns `None`) is timed
    /// all the same: the times of a failed build are never shown.
    pub fn time<T>(&mut self, phase: Phase, step: impl FnOnce() -> T) -> T {
        self.progress.start(phase);
        let started = Instant::now();
        let result = step();
        // What the phase freed would otherwise count towards the next one's peak.
        crate::util::memory::release_free_memory();
        self.phases.push((phase, started.elapsed()));
        result
    }

    /// The phases run so far, in order, with how long each took.
    pub fn phases(&self) -> &[(Phase, Duration)] {
        &self.phases
    }

    pub fn into_phases(self) -> Timings {
        self.phases
    }
}

#[cfg(test)]
mod tests {
    use std::cell::RefCell;

    use super::*;

    #[test]
    fn names_pad_like_strings() {
        assert_eq!(
            format!("[{:<18}]", Phase::DrawCharts),
            "[draw charts       ]"
        );
        assert_eq!(Phase::Write.to_string(), "write output");
    }

    #[test]
    fn the_timer_announces_then_records_each_phase() {
        struct Log(RefCell<Vec<Phase>>);
        impl Progress for Log {
            fn start(&self, phase: Phase) {
                self.0.borrow_mut().push(phase);
            }
        }
        let log = Log(RefCell::new(Vec::new()));
        let mut timer = Timer::new(&log);
        assert_eq!(timer.time(Phase::LoadData, || 1 + 1), 2);
        assert_eq!(timer.time(Phase::DrawCharts, || None::<()>), None);
        let phases: Vec<Phase> = timer.phases().iter().map(|(p, _)| *p).collect();
        assert_eq!(phases, [Phase::LoadData, Phase::DrawCharts]);
        assert_eq!(*log.0.borrow(), phases);
    }
}
