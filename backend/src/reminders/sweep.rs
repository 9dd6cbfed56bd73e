//! The sweep: who is due which reminder today, written once into the outbox.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use attest_domain::status::status_with_moved_deadline;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::db::ids::parse_date;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::reminders::calendar::{Calendar, SchoolCalendar};
use crate::reminders::outbox::{write_new, DueItem, NewReminder, Recent};
use crate::reminders::stages::{digest_week, escalates, review_stage, staff_stage};
use crate::reminders::Stage;
use crate::standings::{load, Facts, Scope};

/// One overdue person in a manager's digest.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DigestLine {
    /// The overdue person.
    pub person_id: String,
    /// The policy version they have not completed.
    pub version_id: String,
    /// Their (moved) deadline.
    pub due: NaiveDate,
}

/// A [`DigestLine`] borrowed from the standings while the sweep builds a digest.
#[derive(Serialize)]
struct DigestLineRef<'a> {
    person_id: &'a str,
    version_id: &'a str,
    due: NaiveDate,
}

/// What a sweep found and wrote.
#[derive(Debug, Clone, Default)]
pub struct SweepReport {
    /// Reminders due today, new or already in the outbox.
    pub due: usize,
    /// The ones written now (would be written, on a dry run).
    pub written: Vec<NewReminder>,
}

/// Works out every reminder due at `now` and writes those not yet in the outbox.
///
/// Schools on holiday today are skipped: what falls due then is written on the
/// first day back, when the sweep sees it still due (deadlines in a holiday move
/// to that day through the status rule).
pub async fn sweep(
    db: &Db,
    now: DateTime<Utc>,
    escalate_after_days: u32,
    dry_run: bool,
) -> AppResult<SweepReport> {
    let today = now.date_naive();
    // The outbox's recent keys, the calendar and the managers are read on other threads
    // while the standings load (a quarter, a tenth and a whole second at 100,000
    // people); they need nothing the load gives.
    let recent = tokio::spawn({
        let db = db.clone();
        async move { Recent::read(&db, now).await }
    });
    let settings = tokio::spawn({
        let db = db.clone();
        async move { AppResult::Ok((Calendar::load(&db).await?, school_managers(&db).await?)) }
    });
    let t = std::time::Instant::now();
    let facts = load(db, &Scope::Everyone, false).await?;
    tracing::debug!(elapsed = ?t.elapsed(), "sweep: standings read");
    let (calendar, managers) = settings
        .await
        .map_err(|e| AppError::Internal(format!("reading the calendar and managers: {e}")))??;
    tracing::debug!(elapsed = ?t.elapsed(), "sweep: calendar and managers read");
    let t = std::time::Instant::now();
    // Each school's calendar, looked up once rather than per cell; none while the
    // school is on holiday today.
    let open_today: Vec<Option<SchoolCalendar<'_>>> = facts
        .schools
        .iter()
        .map(|s| {
            let days = calendar.school(&s.id);
            (!days.is_holiday(today)).then_some(days)
        })
        .collect();
    // Judged in runs of members on the machine's cores; each run's reminders and digest
    // lines come back in member order, as one run would give them.
    let judging = Judging {
        facts: &facts,
        open_today: &open_today,
        now,
        escalate_after_days,
    };
    let mut rows = Vec::new();
    let mut overdue: BTreeMap<&str, Vec<DigestLineRef<'_>>> = BTreeMap::new();
    for run in facts.in_runs(|members| judging.run(members)) {
        rows.extend(run.rows);
        for (school_id, line) in run.overdue {
            overdue.entry(school_id).or_default().push(line);
        }
    }
    tracing::debug!(elapsed = ?t.elapsed(), rows = rows.len(), "sweep: cells judged");

    let recent = recent
        .await
        .map_err(|e| AppError::Internal(format!("reading the outbox's recent keys: {e}")))??;
    for (school_id, lines) in overdue {
        let mut listed = None;
        for manager in managers.get(school_id).into_iter().flatten() {
            let mut row = NewReminder {
                school_id: Some(school_id.to_string()),
                person_id: manager.clone(),
                version_id: String::new(),
                stage: Stage::Escalation,
                occasion: digest_week(today),
                due_on: None,
                details: String::new(),
                send_after: now,
                items: Vec::new(),
            };
            // This week's digest, once written, is not written again: list it only if new.
            if !recent.covers(&row) {
                if listed.is_none() {
                    listed = Some(
                        serde_json::to_string(&lines)
                            .map_err(|e| AppError::Internal(e.to_string()))?,
                    );
                }
                row.details = listed.clone().unwrap_or_default();
            }
            rows.push(row);
        }
    }

    rows.extend(review_reminders(db, &calendar, &managers, now).await?);
    let due = rows.len();
    tracing::debug!(elapsed = ?t.elapsed(), due, "sweep: stages worked out");
    let t = std::time::Instant::now();
    let written = write_new(db, rows, now, dry_run, Some(recent)).await?;
    tracing::debug!(elapsed = ?t.elapsed(), written = written.len(), "sweep: outbox written");
    Ok(SweepReport { due, written })
}

/// What judging every cell of a sweep needs.
struct Judging<'f> {
    facts: &'f Facts,
    /// Each school's calendar; none while it is on holiday today.
    open_today: &'f [Option<SchoolCalendar<'f>>],
    now: DateTime<Utc>,
    escalate_after_days: u32,
}

/// A run of members' reminders, and the lines they add to their schools' digests.
struct Judged<'f> {
    rows: Vec<NewReminder>,
    overdue: Vec<(&'f str, DigestLineRef<'f>)>,
}

impl<'f> Judging<'f> {
    /// Judges the cells of the members in `members`.
    fn run(&self, members: Range<usize>) -> Judged<'f> {
        let (facts, now) = (self.facts, self.now);
        let today = now.date_naive();
        let mut judged = Judged {
            rows: Vec::new(),
            overdue: Vec::new(),
        };
        // Cells come member by member: each member's due policies make one reminder.
        let mut items: Vec<DueItem> = Vec::new();
        for m in members {
            let member = facts.member(m);
            let Some(days) = self.open_today[member.school] else {
                continue;
            };
            for &p in facts.policies_of(m) {
                let Some(cell) = facts.cell(m, p, today) else {
                    continue;
                };
                let view = status_with_moved_deadline(&cell.input, |d| days.first_day_back(d));
                let held = cell.input.held;
                let reattesting = held.is_some_and(|h| h.superseded_on.is_some());
                let Some(due) = staff_stage(&view, held.is_some(), reattesting, today) else {
                    continue;
                };
                if escalates(&view, today, self.escalate_after_days) {
                    let line = DigestLineRef {
                        person_id: member.person_id,
                        version_id: &cell.version.id,
                        due: view.due,
                    };
                    judged.overdue.push((member.school_id, line));
                }
                items.push(DueItem {
                    version_id: cell.version.id.clone(),
                    stage: due.stage,
                    occasion: due.occasion,
                    due: view.due,
                });
            }
            judged
                .rows
                .extend(staff_reminder(facts, m, &mut items, now));
        }
        judged
    }
}

/// The reminder for one member's due policies, taken out of `items`; none if none are due.
fn staff_reminder(
    facts: &Facts,
    member: usize,
    items: &mut Vec<DueItem>,
    now: DateTime<Utc>,
) -> Option<NewReminder> {
    let member = facts.member(member);
    (!items.is_empty()).then(|| {
        NewReminder::for_staff(
            member.school_id,
            member.person_id,
            std::mem::take(items),
            now,
        )
    })
}

/// Managers are reminded 60 and 30 days before a policy's own next-review date.
async fn review_reminders(
    db: &Db,
    calendar: &Calendar,
    managers: &HashMap<String, Vec<String>>,
    now: DateTime<Utc>,
) -> AppResult<Vec<NewReminder>> {
    let today = now.date_naive();
    // Each policy's current version with its own next-review date.
    let versions: Vec<(String, String, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT v.id, p.school_id, v.next_review FROM policy_versions v \
         JOIN policies p ON p.id = v.policy_id \
         WHERE v.next_review IS NOT NULL \
           AND v.seq = (SELECT MAX(seq) FROM policy_versions WHERE policy_id = v.policy_id)",
    )
    .fetch_all(e)
    .await)?;
    let mut rows = Vec::new();
    for (version_id, school_id, next_review) in versions {
        let Some(review) = parse_date(&next_review) else {
            continue;
        };
        let Some(stage) = review_stage(review, today) else {
            continue;
        };
        if calendar.is_holiday(&school_id, today) {
            continue;
        }
        for manager in managers.get(&school_id).into_iter().flatten() {
            rows.push(NewReminder {
                school_id: Some(school_id.clone()),
                person_id: manager.clone(),
                version_id: version_id.clone(),
                stage,
                occasion: review.to_string(),
                due_on: Some(review),
                details: String::new(),
                send_after: now,
                items: Vec::new(),
            });
        }
    }
    Ok(rows)
}

/// Each school's active school managers.
pub async fn school_managers(db: &Db) -> AppResult<HashMap<String, Vec<String>>> {
    let rows: Vec<(String, String)> = on_db!(db, |e| {
        sqlx::query_as(
        "SELECT m.school_id, m.person_id FROM memberships m JOIN people p ON p.id = m.person_id \
         WHERE m.role = 'school_manager' AND p.active = 1 ORDER BY m.school_id, m.person_id",
    )
    .fetch_all(e).await
    })?;
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (school, person) in rows {
        out.entry(school).or_default().push(person);
    }
    Ok(out)
}
