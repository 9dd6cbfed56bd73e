//! The dashboard: compliance now and over time, who is overdue or due, status by group or school.

use std::collections::{BTreeMap, BinaryHeap};
use std::ops::Range;

use attest_domain::api::{
    compliance, CompliancePoint, Dashboard, DueItem, Status, StatusBar, StatusCounts,
};
use chrono::{Days, NaiveDate};

use crate::standings::Facts;

/// Most entries in each of the dashboard's lists.
const LIST_LIMIT: usize = 100;
/// Most weeks the compliance line may cover.
pub const MAX_WEEKS: u32 = 104;

/// What the bars are split by.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BarsBy {
    /// A school's groups.
    Group,
    /// A trust's schools.
    School,
}

fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0
    }
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A list entry's sort key: due, name, then cell order (member, policy).
type ListKey<'a> = (NaiveDate, &'a str, usize, usize);

/// The first [`LIST_LIMIT`] keys pushed, in order, without keeping the rest, and how many
/// were pushed in all (so a list's heading can say its true size).
#[derive(Default)]
struct FirstFew<'a>(BinaryHeap<ListKey<'a>>, usize);

impl<'a> FirstFew<'a> {
    fn push(&mut self, key: ListKey<'a>) {
        self.1 += 1;
        if self.0.len() < LIST_LIMIT {
            self.0.push(key);
        } else if self.0.peek().is_some_and(|last| key < *last) {
            self.0.pop();
            self.0.push(key);
        }
    }

    /// Adds the keys another list kept, and its count.
    fn absorb(&mut self, other: FirstFew<'a>) {
        let (kept, pushed) = (other.0.len(), other.1);
        for key in other.0 {
            self.push(key);
        }
        self.1 = self.1 - kept + pushed;
    }

    fn items(self, facts: &Facts, today: NaiveDate) -> Vec<DueItem> {
        self.0
            .into_sorted_vec()
            .into_iter()
            .filter_map(|(_, _, m, p)| {
                let c = facts.cell(m, p, today)?;
                let member = facts.member(m);
                Some(DueItem {
                    person_id: member.person_id.to_string(),
                    name: member.name.to_string(),
                    school_name: member.school_name.to_string(),
                    policy_title: facts.policies[p].title.clone(),
                    status: c.view.status,
                    due: c.view.due,
                })
            })
            .collect()
    }
}

/// A bar's tallies: cells by status, people, and people fully compliant.
#[derive(Debug, Default, Clone)]
struct Bar {
    counts: StatusCounts,
    people: u32,
    compliant: u32,
}

/// The bars, one per distinct group (or school) name, and which bars a member's cells count in.
struct Bars<'a> {
    by: BarsBy,
    names: Vec<&'a str>,
    bars: Vec<Bar>,
    /// Group label (or school index) → bar.
    bar_of: Vec<usize>,
}

impl<'a> Bars<'a> {
    fn new(facts: &'a Facts, by: BarsBy) -> Bars<'a> {
        let keys: Vec<&str> = match by {
            BarsBy::Group => facts.labels().iter().map(String::as_str).collect(),
            BarsBy::School => facts.schools.iter().map(|s| s.name.as_str()).collect(),
        };
        let mut index: BTreeMap<&str, usize> = BTreeMap::new();
        for &k in &keys {
            let next = index.len();
            index.entry(k).or_insert(next);
        }
        let bar_of = keys.iter().map(|k| index[k]).collect();
        let mut names = vec![""; index.len()];
        for (name, i) in index {
            names[i] = name;
        }
        Bars {
            by,
            bars: vec![Bar::default(); names.len()],
            names,
            bar_of,
        }
    }

    /// The bars member `m` counts in.
    fn of(&self, facts: &Facts, m: usize) -> impl Iterator<Item = usize> + '_ {
        let member = facts.member(m);
        let keys: Vec<usize> = match self.by {
            BarsBy::Group => member.group_labels.iter().map(|&g| g as usize).collect(),
            BarsBy::School => vec![member.school],
        };
        keys.into_iter().filter_map(|k| self.bar_of.get(k).copied())
    }

    /// Bars with people in them, by name.
    fn into_bars(self) -> Vec<StatusBar> {
        let mut out: Vec<(&str, Bar)> = self
            .names
            .into_iter()
            .zip(self.bars)
            .filter(|(_, bar)| bar.people > 0)
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out.into_iter()
            .map(|(name, bar)| StatusBar {
                name: name.to_string(),
                counts: bar.counts,
                people: bar.people,
                percent: percent(bar.compliant, bar.people),
            })
            .collect()
    }
}

/// Today's pass over a run of members: what the dashboard counts of their cells.
struct Today<'a> {
    counts: StatusCounts,
    /// Per member of the run: fully compliant or not (`None`: no policy that counts).
    per_person: Vec<Option<bool>>,
    /// Cells by status, per bar.
    bars: Vec<StatusCounts>,
    overdue: FirstFew<'a>,
    due_soon: FirstFew<'a>,
}

impl<'a> Today<'a> {
    /// The pass over `members`, judging each of their cells as at `today` (none kept).
    fn of(facts: &'a Facts, bars: &Bars<'_>, members: Range<usize>, today: NaiveDate) -> Self {
        let horizon = today.checked_add_days(Days::new(30)).unwrap_or(today);
        let first = members.start;
        let mut t = Today {
            counts: StatusCounts::default(),
            per_person: vec![None; members.len()],
            bars: vec![StatusCounts::default(); bars.bars.len()],
            overdue: FirstFew::default(),
            due_soon: FirstFew::default(),
        };
        for m in members {
            let member_bars: Vec<usize> = bars.of(facts, m).collect();
            for c in facts
                .policies_of(m)
                .iter()
                .filter_map(|&p| facts.cell(m, p, today))
            {
                let status = c.view.status;
                t.counts.add(status);
                // A paused policy is counted apart and makes nobody compliant or not.
                if let Some(ok) = compliance(status) {
                    let slot = &mut t.per_person[m - first];
                    *slot = Some(slot.unwrap_or(true) && ok);
                }
                for &b in &member_bars {
                    t.bars[b].add(status);
                }
                let key = || (c.view.due, facts.member(m).name, m, c.policy);
                if status == Status::Overdue {
                    t.overdue.push(key());
                } else if !matches!(status, Status::Attested | Status::Paused)
                    && c.view.due >= today
                    && c.view.due <= horizon
                {
                    t.due_soon.push(key());
                }
            }
        }
        t
    }

    /// Adds the pass over the run of members that follows this one's.
    fn absorb(&mut self, next: Today<'a>) {
        self.counts.absorb(&next.counts);
        self.per_person.extend(next.per_person);
        for (bar, counts) in self.bars.iter_mut().zip(&next.bars) {
            bar.absorb(counts);
        }
        self.overdue.absorb(next.overdue);
        self.due_soon.absorb(next.due_soon);
    }
}

/// Builds the dashboard from gathered facts, as at `today`, with a line of `weeks` weekly points.
///
/// One pass over today's cells (none kept), then the line judged member by member; both
/// split into runs of members on the machine's cores when there are many.
pub fn build(facts: &Facts, name: String, today: NaiveDate, weeks: u32, by: BarsBy) -> Dashboard {
    let mut bars = Bars::new(facts, by);
    let mut runs = facts
        .in_runs(|members| Today::of(facts, &bars, members, today))
        .into_iter();
    let mut pass = runs
        .next()
        .unwrap_or_else(|| Today::of(facts, &bars, 0..0, today));
    for run in runs {
        pass.absorb(run);
    }
    let Today {
        counts,
        per_person,
        overdue,
        due_soon,
        ..
    } = pass;
    for (bar, counts) in bars.bars.iter_mut().zip(&pass.bars) {
        bar.counts = *counts;
    }
    for (m, compliant) in per_person.iter().enumerate() {
        let Some(compliant) = compliant else { continue };
        let ids: Vec<usize> = bars.of(facts, m).collect();
        for b in ids {
            bars.bars[b].people += 1;
            bars.bars[b].compliant += u32::from(*compliant);
        }
    }
    let people = count(per_person.iter().flatten().count());
    let fully = count(per_person.iter().flatten().filter(|ok| **ok).count());
    let days: Vec<NaiveDate> = (0..weeks.clamp(1, MAX_WEEKS))
        .rev()
        .filter_map(|w| today.checked_sub_days(Days::new(7 * u64::from(w))))
        .collect();
    let past: Vec<NaiveDate> = days.iter().copied().filter(|d| *d != today).collect();
    let mut line = facts.compliance_over(&past).into_iter();
    let over_time = days
        .iter()
        .map(|&day| {
            let (ok, all) = if day == today {
                (fully, people)
            } else {
                line.next().unwrap_or_default()
            };
            CompliancePoint {
                date: day,
                percent: percent(ok, all),
            }
        })
        .collect();
    Dashboard {
        name,
        today,
        people,
        fully_compliant: fully,
        percent: percent(fully, people),
        counts,
        overdue_total: count(overdue.1),
        due_next_30_days_total: count(due_soon.1),
        overdue: overdue.items(facts, today),
        due_next_30_days: due_soon.items(facts, today),
        over_time,
        bars: bars.into_bars(),
        // Filled in by the caller: reviews are about policies, not about the facts of people.
        overdue_reviews: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_list_keeps_its_first_entries_and_counts_them_all() {
        let names: Vec<String> = (0..LIST_LIMIT + 20).map(|i| format!("p{i:04}")).collect();
        let mut few = FirstFew::default();
        let day = NaiveDate::from_ymd_opt(2026, 9, 1).unwrap();
        for (i, name) in names.iter().enumerate().rev() {
            few.push((day, name.as_str(), i, 0));
        }
        assert_eq!(few.1, LIST_LIMIT + 20);
        let kept = few.0.into_sorted_vec();
        assert_eq!(kept.len(), LIST_LIMIT);
        assert_eq!(kept[0].1, "p0000");
        assert_eq!(kept[LIST_LIMIT - 1].1, format!("p{:04}", LIST_LIMIT - 1));
    }

    #[test]
    fn a_pass_in_runs_adds_up_to_one_pass() {
        let facts = crate::standings::generated(5, 600);
        let today = NaiveDate::from_ymd_opt(2025, 9, 1).unwrap();
        let bars = Bars::new(&facts, BarsBy::Group);
        let members = facts.member_count();
        let one = Today::of(&facts, &bars, 0..members, today);
        let mut runs = Today::of(&facts, &bars, 0..members / 3, today);
        runs.absorb(Today::of(&facts, &bars, members / 3..members, today));
        assert_eq!(runs.counts, one.counts);
        assert_eq!(runs.per_person, one.per_person);
        assert_eq!(runs.bars, one.bars);
        let (overdue, due_soon) = (list(one.overdue), list(one.due_soon));
        assert!(
            overdue.0 > LIST_LIMIT && due_soon.0 > 0,
            "{} {}",
            overdue.0,
            due_soon.0
        );
        assert_eq!(list(runs.overdue), overdue);
        assert_eq!(list(runs.due_soon), due_soon);
    }

    /// A list's count and the keys it kept, in order (for comparing lists in tests).
    fn list(few: FirstFew<'_>) -> (usize, Vec<ListKey<'_>>) {
        (few.1, few.0.into_sorted_vec())
    }
}
