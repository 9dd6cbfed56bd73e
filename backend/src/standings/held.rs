//! Attestations kept in one vector as a run per person, appended as the loader reads them.

use super::HeldFacts;

/// Each person's attestations as a run of one vector: the loader's rows come grouped by
/// person, so appending keeps every run whole; a person whose rows come apart has their
/// run moved to the end, and the gaps left are packed away by [`HeldRuns::finish`].
#[derive(Debug, Clone, Default)]
pub(super) struct HeldRuns {
    held: Vec<HeldFacts>,
    /// Per person, their run in `held` (start, end); empty until their first.
    runs: Vec<(u32, u32)>,
    /// Entries of `held` left behind by moved runs.
    gaps: usize,
}

impl HeldRuns {
    /// Adds an attestation of `person`.
    pub fn push(&mut self, person: usize, held: HeldFacts) {
        if self.runs.len() <= person {
            self.runs.resize(person + 1, (0, 0));
        }
        let (start, end) = self.runs[person];
        let at = index(self.held.len());
        if start == end {
            self.runs[person] = (at, at);
        } else if end != at {
            // Not the latest run: move the person's run to the end, leaving a gap.
            self.held.extend_from_within(start as usize..end as usize);
            self.gaps += (end - start) as usize;
            self.runs[person] = (at, index(self.held.len()));
        }
        self.held.push(held);
        self.runs[person].1 = index(self.held.len());
    }

    /// Adds the runs of `other`, whose people hold no run here.
    pub fn absorb(&mut self, other: &HeldRuns) {
        self.held.reserve(other.held.len() - other.gaps);
        for (person, &(start, end)) in other.runs.iter().enumerate() {
            for &held in &other.held[start as usize..end as usize] {
                self.push(person, held);
            }
        }
    }

    /// Each of `people`'s runs from `fresh` where `replaced`, else from `old` (both finished).
    pub fn splice(old: &HeldRuns, fresh: &HeldRuns, replaced: &[bool]) -> HeldRuns {
        let mut held = Vec::with_capacity(old.held.len());
        let runs = replaced
            .iter()
            .enumerate()
            .map(|(person, &from_fresh)| {
                let at = index(held.len());
                let source = if from_fresh { fresh } else { old };
                held.extend_from_slice(source.of(person));
                (at, index(held.len()))
            })
            .collect();
        HeldRuns {
            held,
            runs,
            gaps: 0,
        }
    }

    /// A person's attestations (by policy and day once finished).
    pub fn of(&self, person: usize) -> &[HeldFacts] {
        let (start, end) = self.runs.get(person).copied().unwrap_or_default();
        &self.held[start as usize..end as usize]
    }

    /// How many attestations are kept (gaps included until finished).
    #[cfg(test)]
    pub fn len(&self) -> usize {
        self.held.len()
    }

    /// Packs away any gaps and sorts each of the `people` runs by policy and day.
    pub fn finish(&mut self, people: usize) {
        self.runs.resize(people, (0, 0));
        if self.gaps > 0 {
            let mut packed = Vec::with_capacity(self.held.len() - self.gaps);
            for run in &mut self.runs {
                let at = index(packed.len());
                packed.extend_from_slice(&self.held[run.0 as usize..run.1 as usize]);
                *run = (at, index(packed.len()));
            }
            self.held = packed;
            self.gaps = 0;
        }
        for &(start, end) in &self.runs {
            self.held[start as usize..end as usize].sort_unstable();
        }
        // Facts may be kept (cached) for long: give back what loading over-allocated.
        self.held.shrink_to_fit();
    }
}

/// A position in `held` (which stays far below 4 billion entries).
fn index(len: usize) -> u32 {
    u32::try_from(len).unwrap_or(u32::MAX)
}
