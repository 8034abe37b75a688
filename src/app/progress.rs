//! How far loading has got: the phase the loading worker is in (finding,
//! checking or parsing files, reading back, building or linking entities)
//! and, where the phase can count its work, how much of it is done. The status line draws
//! it as a gauge; the panes use it to say what they are waiting for.

/// A phase of loading, in the order they happen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Phase {
    /// Walking the given paths for files (counts the files found so far;
    /// the total is not known).
    Finding,
    /// Checking files against the on-disk index: so far every file was
    /// read back or confirmed by its hash.
    Checking,
    /// Reading and parsing files: some were new or changed (or there is
    /// no index).
    Parsing,
    /// Reading back the entities resolved for these very files last time
    /// (not counted).
    Reading,
    /// Finding each document's entities (read back from the index where
    /// it has them).
    Building,
    /// Resolving the entities across the corpus, applying corrections and
    /// indexing mentions (counts steps).
    Linking,
}

impl Phase {
    /// What the user is told the reader is doing.
    pub fn label(self) -> &'static str {
        match self {
            Phase::Finding => "finding files",
            Phase::Checking => "checking files",
            Phase::Parsing => "parsing files",
            Phase::Reading => "reading entities",
            Phase::Building => "building entities",
            Phase::Linking => "linking entities",
        }
    }

    /// Whether the corpus is already in and only its entities are awaited.
    pub fn entities(self) -> bool {
        matches!(self, Phase::Reading | Phase::Building | Phase::Linking)
    }
}

/// A phase and its count: `done` of `total` (a `total` of 0: not known,
/// and then a `done` above 0 is a count without an end, as files found).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Progress {
    pub phase: Phase,
    pub done: usize,
    pub total: usize,
}

impl Progress {
    /// The start of `phase`, its size not known (or not counted).
    pub fn start(phase: Phase) -> Progress {
        Progress {
            phase,
            done: 0,
            total: 0,
        }
    }

    /// The share done, in 0..=1; `None` when the phase is not counted.
    pub fn ratio(&self) -> Option<f64> {
        (self.total > 0)
            .then(|| (self.done.min(self.total) as f64 / self.total as f64).clamp(0.0, 1.0))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ratio_is_bounded_and_absent_when_uncounted() {
        assert_eq!(Progress::start(Phase::Linking).ratio(), None);
        let p = |done, total| Progress {
            phase: Phase::Parsing,
            done,
            total,
        };
        assert_eq!(p(0, 4).ratio(), Some(0.0));
        assert_eq!(p(1, 4).ratio(), Some(0.25));
        // A count past the total (progress reported out of order) stays full.
        assert_eq!(p(9, 4).ratio(), Some(1.0));
    }
}
