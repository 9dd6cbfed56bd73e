//! The compliance line: how many members were fully compliant at the end of each of several days.
//!
//! Each (member, policy) standing is looked up once and judged for every day, and a day on
//! which the member is already non-compliant is not judged again: far cheaper than
//! gathering every cell afresh per day, with the same answer.

use std::ops::Range;

use attest_domain::api::compliance;
use chrono::NaiveDate;

use super::Facts;

/// A member's standing on a day so far.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// No policy assigned yet.
    Unassigned,
    /// Every policy judged so far is compliant.
    Compliant,
    /// At least one is not.
    Not,
}

/// Members below which the line is drawn on one thread (spawning costs more than it saves).
const ONE_THREAD: usize = 2_000;

impl Facts {
    /// For each day: (members fully compliant at its end, members with any policy assigned then).
    ///
    /// A trust's line judges every cell a dozen times (a quarter of a second at 100,000
    /// people), so large ones are split across the machine's cores, each taking a run of
    /// members; the counts simply add up.
    pub fn compliance_over(&self, days: &[NaiveDate]) -> Vec<(u32, u32)> {
        let mut out = vec![(0u32, 0u32); days.len()];
        for part in self.in_runs(|range| self.compliance_of(range, days)) {
            for (total, (ok, people)) in out.iter_mut().zip(part) {
                total.0 += ok;
                total.1 += people;
            }
        }
        out
    }

    /// `work` over every member, split into runs of members on the machine's cores when
    /// there are enough of them; each run's result, in member order.
    pub fn in_runs<T: Send>(&self, work: impl Fn(Range<usize>) -> T + Sync) -> Vec<T> {
        let members = self.members.len();
        let threads = std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(members / ONE_THREAD)
            .max(1);
        in_runs(members, threads, work)
    }

    /// [`Facts::compliance_over`] for the members in `range`.
    fn compliance_of(&self, range: Range<usize>, days: &[NaiveDate]) -> Vec<(u32, u32)> {
        let mut out = vec![(0u32, 0u32); days.len()];
        let mut marks = vec![Mark::Unassigned; days.len()];
        for m in range {
            marks.fill(Mark::Unassigned);
            for &p in self.policies_of(m) {
                let Some(standing) = self.standing(m, p) else {
                    continue;
                };
                for (mark, &day) in marks.iter_mut().zip(days) {
                    if *mark == Mark::Not {
                        continue;
                    }
                    // A paused policy leaves the mark as the others make it.
                    if let Some(ok) = standing.view_on(day).and_then(|v| compliance(v.status)) {
                        *mark = if ok { Mark::Compliant } else { Mark::Not };
                    }
                }
                if marks.iter().all(|m| *m == Mark::Not) {
                    break;
                }
            }
            for ((ok, people), mark) in out.iter_mut().zip(&marks) {
                match mark {
                    Mark::Unassigned => {}
                    Mark::Compliant => {
                        *ok += 1;
                        *people += 1;
                    }
                    Mark::Not => *people += 1,
                }
            }
        }
        out
    }
}

/// `work` over `0..members` in `threads` runs, each on a thread of its own (the calling
/// thread alone for one); the results in order.
fn in_runs<T: Send>(
    members: usize,
    threads: usize,
    work: impl Fn(Range<usize>) -> T + Sync,
) -> Vec<T> {
    if threads <= 1 {
        return vec![work(0..members)];
    }
    let run = members.div_ceil(threads);
    std::thread::scope(|scope| {
        let parts: Vec<_> = (0..threads)
            .map(|i| {
                let (range, work) = ((i * run).min(members)..((i + 1) * run).min(members), &work);
                scope.spawn(move || work(range))
            })
            .collect();
        parts
            .into_iter()
            // A panic in a part is a bug in the status rule: surface it as the caller's.
            .map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

#[cfg(test)]
pub(super) mod tests {
    use chrono::Days;

    use super::super::build::{Builder, NewMember};
    use super::super::VersionFacts;
    use super::*;

    /// A small deterministic generator (xorshift), so failures reproduce.
    struct Rng(u64);

    impl Rng {
        fn below(&mut self, n: u64) -> u64 {
            self.0 ^= self.0 << 13;
            self.0 ^= self.0 >> 7;
            self.0 ^= self.0 << 17;
            self.0 % n.max(1)
        }

        fn day(&mut self, base: NaiveDate, span: u64) -> NaiveDate {
            base + Days::new(self.below(span))
        }
    }

    /// Generated facts: two schools, policies with several versions (some requiring
    /// re-attestation), two groups, and people with attestations, attempts and reading
    /// spread over two years.
    pub(crate) fn generated(seed: u64, people: usize) -> Facts {
        let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
        let base = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
        let mut b = Builder::default();
        let groups = ["teaching", "support"];
        for s in 0..2 {
            b.school(&format!("s{s}"), &format!("School {s}"));
        }
        let mut versions = Vec::new();
        for p in 0..5 {
            let policy = format!("p{p}");
            b.policy(&policy, &format!("s{}", p % 2), &format!("Policy {p}"));
            let mut published = rng.day(base, 200);
            for seq in 1..=1 + rng.below(3) {
                let id = format!("{policy}v{seq}");
                b.version(
                    &policy,
                    VersionFacts {
                        id: id.clone(),
                        seq: seq as i64,
                        label: format!("v{seq}"),
                        published_on: published,
                        requires_reattestation: rng.below(2) == 0,
                        review_period_months: [1, 3, 12][rng.below(3) as usize],
                        grace_days: 10 + rng.below(40) as u32,
                        lesson_count: 3,
                        text_sha256: String::new(),
                    },
                );
                versions.push((id, published));
                published = rng.day(published, 250);
            }
            for g in groups {
                if rng.below(3) > 0 {
                    b.assignment(&policy, g, rng.below(30) as i64, rng.day(base, 300));
                }
            }
        }
        for i in 0..people {
            let person = format!("u{i}");
            for s in 0..2 {
                if s == 1 && rng.below(3) > 0 {
                    continue;
                }
                // One in eight pauses for a while, so the line is checked across pauses too.
                let pause = (rng.below(8) == 0).then(|| {
                    let from = rng.day(base, 650);
                    attest_domain::status::Pause {
                        from,
                        until: from + Days::new(30 + rng.below(200)),
                    }
                });
                b.member(NewMember {
                    person_id: &person,
                    name: &format!("Person {i}"),
                    email: &format!("{person}@example.org"),
                    known_from: rng.day(base, 300),
                    school_id: &format!("s{s}"),
                    start_date: rng.day(base, 500),
                    role: "staff",
                    active: true,
                    pause,
                });
                for g in groups {
                    if rng.below(2) == 0 {
                        b.group(&person, &format!("s{s}"), g);
                    }
                }
            }
            for (record, (version, published)) in versions.iter().enumerate() {
                // Even seeds: mostly attested, so most members stay compliant for a while.
                let roll = rng
                    .below(4)
                    .saturating_sub(u64::from(seed.is_multiple_of(2) && rng.below(2) == 0));
                match roll {
                    0 | 1 => {
                        b.reader()
                            .held(&person, version, rng.day(*published, 400), record as i64)
                    }
                    2 => b.reader().attempt(
                        &person,
                        version,
                        rng.day(*published, 300),
                        (rng.below(2) == 0).then(|| rng.day(*published, 400)),
                    ),
                    _ => {}
                }
                if rng.below(4) == 0 {
                    b.reader()
                        .progress(&person, version, 1, rng.day(*published, 300), false);
                }
            }
        }
        b.finish()
    }

    /// The straightforward way: gather every cell of the day, then judge each member.
    fn per_day(facts: &Facts, day: NaiveDate) -> (u32, u32) {
        let mut per_member: Vec<Option<bool>> = vec![None; facts.member_count()];
        for c in facts.cells(day) {
            let Some(ok) = compliance(c.view.status) else {
                continue;
            };
            let slot = &mut per_member[c.member];
            *slot = Some(slot.unwrap_or(true) && ok);
        }
        let people = per_member.iter().flatten().count() as u32;
        let ok = per_member.iter().flatten().filter(|ok| **ok).count() as u32;
        (ok, people)
    }

    #[test]
    fn the_line_matches_judging_every_cell_day_by_day() {
        for seed in 1..=40 {
            let facts = generated(seed, 60);
            let start = NaiveDate::from_ymd_opt(2025, 1, 1).unwrap();
            let days: Vec<NaiveDate> = (0..60).map(|w| start + Days::new(w * 11)).collect();
            let expected: Vec<(u32, u32)> = days.iter().map(|&d| per_day(&facts, d)).collect();
            assert_eq!(facts.compliance_over(&days), expected, "seed {seed}");
        }
    }

    #[test]
    fn a_line_drawn_on_several_threads_adds_up_to_the_same() {
        let facts = generated(11, 3 * ONE_THREAD);
        assert!(facts.member_count() >= 2 * ONE_THREAD, "enough to split");
        let start = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let days: Vec<NaiveDate> = (0..6).map(|w| start + Days::new(w * 60)).collect();
        let one = facts.compliance_of(0..facts.member_count(), &days);
        assert_eq!(facts.compliance_over(&days), one);
        let expected: Vec<(u32, u32)> = days.iter().map(|&d| per_day(&facts, d)).collect();
        assert_eq!(one, expected);
    }

    #[test]
    fn runs_cover_every_member_once_in_order() {
        for members in [0, 1, 7, 10, 2_001] {
            for threads in 1..=5 {
                let runs = in_runs(members, threads, |range| range);
                let covered: Vec<usize> = runs.iter().cloned().flatten().collect();
                assert_eq!(
                    covered,
                    (0..members).collect::<Vec<_>>(),
                    "{members} in {threads}"
                );
                assert_eq!(runs.len(), threads, "one result per run, empty ones too");
            }
        }
    }

    #[test]
    fn generated_facts_cover_every_status() {
        use attest_domain::api::{Status, ALL_STATUSES};
        let facts = generated(7, 200);
        let day = NaiveDate::from_ymd_opt(2025, 11, 1).unwrap();
        let seen: Vec<Status> = facts.cells(day).map(|c| c.view.status).collect();
        for status in ALL_STATUSES {
            assert!(seen.contains(&status), "no {status:?} cell");
        }
    }
}
