//! The dashboard: compliance now and over time, who is overdue or due, status by group or school.

use std::collections::BTreeMap;

use attest_domain::api::{
    is_compliant, CompliancePoint, Dashboard, DueItem, Status, StatusBar, StatusCounts,
};
use chrono::{Days, NaiveDate};

use crate::standings::{Cell, Facts};

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

/// Per membership: how many cells, and whether all are compliant.
fn people_compliance(facts: &Facts, cells: &[Cell<'_>]) -> Vec<Option<bool>> {
    let mut out: Vec<Option<bool>> = vec![None; facts.members.len()];
    for c in cells {
        let ok = is_compliant(c.view.status);
        let slot = &mut out[c.member];
        *slot = Some(slot.unwrap_or(true) && ok);
    }
    out
}

fn percent(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0
    }
}

/// The share of people fully compliant at the end of `day`: (compliant, people).
fn compliance_on(facts: &Facts, day: NaiveDate) -> (u32, u32) {
    let per_person = people_compliance(facts, &facts.cells(day));
    let people = per_person.iter().flatten().count();
    let ok = per_person.iter().flatten().filter(|ok| **ok).count();
    (
        u32::try_from(ok).unwrap_or(u32::MAX),
        u32::try_from(people).unwrap_or(u32::MAX),
    )
}

fn due_item(facts: &Facts, c: &Cell<'_>) -> DueItem {
    let m = &facts.members[c.member];
    DueItem {
        person_id: m.person_id.clone(),
        name: m.name.clone(),
        school_name: m.school_name.clone(),
        policy_title: facts.policies[c.policy].title.clone(),
        status: c.view.status,
        due: c.view.due,
    }
}

/// Builds the dashboard from gathered facts, as at `today`, with a line of `weeks` weekly points.
pub fn build(facts: &Facts, name: String, today: NaiveDate, weeks: u32, by: BarsBy) -> Dashboard {
    let cells = facts.cells(today);
    let per_person = people_compliance(facts, &cells);
    let mut counts = StatusCounts::default();
    let mut bars: BTreeMap<String, (StatusCounts, u32, u32)> = BTreeMap::new();
    for c in &cells {
        counts.add(c.view.status);
    }
    for (m, compliant) in per_person.iter().enumerate() {
        let Some(compliant) = compliant else { continue };
        let member = &facts.members[m];
        let keys: Vec<String> = match by {
            BarsBy::Group => member.groups.clone(),
            BarsBy::School => vec![member.school_name.clone()],
        };
        for key in keys {
            let bar = bars.entry(key).or_default();
            bar.1 += 1;
            bar.2 += u32::from(*compliant);
        }
    }
    for c in &cells {
        let member = &facts.members[c.member];
        let keys: Vec<&String> = match by {
            BarsBy::Group => member.groups.iter().collect(),
            BarsBy::School => vec![&member.school_name],
        };
        for key in keys {
            if let Some(bar) = bars.get_mut(key) {
                bar.0.add(c.view.status);
            }
        }
    }
    let mut overdue: Vec<&Cell<'_>> = cells
        .iter()
        .filter(|c| c.view.status == Status::Overdue)
        .collect();
    overdue.sort_by_key(|c| (c.view.due, facts.members[c.member].name.as_str()));
    let horizon = today.checked_add_days(Days::new(30)).unwrap_or(today);
    let mut due_soon: Vec<&Cell<'_>> = cells
        .iter()
        .filter(|c| {
            c.view.status != Status::Overdue
                && c.view.status != Status::Attested
                && c.view.due >= today
                && c.view.due <= horizon
        })
        .collect();
    due_soon.sort_by_key(|c| (c.view.due, facts.members[c.member].name.as_str()));
    let people = u32::try_from(per_person.iter().flatten().count()).unwrap_or(u32::MAX);
    let fully = u32::try_from(per_person.iter().flatten().filter(|ok| **ok).count()).unwrap_or(0);
    let over_time = (0..weeks.clamp(1, MAX_WEEKS))
        .rev()
        .filter_map(|w| today.checked_sub_days(Days::new(7 * u64::from(w))))
        .map(|day| {
            let (ok, all) = if day == today {
                (fully, people)
            } else {
                compliance_on(facts, day)
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
        overdue: overdue
            .into_iter()
            .take(LIST_LIMIT)
            .map(|c| due_item(facts, c))
            .collect(),
        due_next_30_days: due_soon
            .into_iter()
            .take(LIST_LIMIT)
            .map(|c| due_item(facts, c))
            .collect(),
        over_time,
        bars: bars
            .into_iter()
            .map(|(name, (counts, people, ok))| StatusBar {
                name,
                counts,
                people,
                percent: percent(ok, people),
            })
            .collect(),
        // Filled in by the caller: reviews are about policies, not about the facts of people.
        overdue_reviews: Vec::new(),
    }
}
