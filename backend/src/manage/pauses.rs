//! Pausing someone's training: a period (maternity leave, long illness) in which nothing
//! falls due for them at one school, with the school's reason. The status rule's
//! [`Pause`](attest_domain::status::Pause) moves their deadlines on by its length; the
//! dashboards count paused policies apart; reminders leave them alone meanwhile.

use attest_domain::api::{PauseInput, PauseView};
use chrono::{Days, NaiveDate};

use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;

/// The longest pause a school can record at once (two years of leave, say).
pub const MAX_PAUSE_DAYS: i64 = 731;
/// The longest reason kept.
pub const MAX_REASON_CHARS: usize = 300;

/// Checks a pause as a manager typed it; the reason comes back trimmed.
pub fn checked(input: &PauseInput) -> AppResult<String> {
    let reason = input.reason.trim();
    if reason.is_empty() {
        return Err(AppError::Unprocessable(
            "Enter why their training is paused (for example, maternity leave)".into(),
        ));
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(AppError::Unprocessable(format!(
            "The reason must be {MAX_REASON_CHARS} characters or fewer"
        )));
    }
    if input.until < input.from {
        return Err(AppError::Unprocessable(
            "The last day of the pause must be on or after its first day".into(),
        ));
    }
    if (input.until - input.from).num_days() >= MAX_PAUSE_DAYS {
        return Err(AppError::Unprocessable(
            "A pause can last two years at most; record another when it ends".into(),
        ));
    }
    Ok(reason.to_string())
}

/// Records (or replaces) the pause of a current member's training at a school.
pub async fn pause(db: &Db, person_id: &str, school_id: &str, input: &PauseInput) -> AppResult<()> {
    let reason = checked(input)?;
    let done = on_db!(db, |e| sqlx::query(
        "UPDATE memberships SET paused_from = $1, paused_until = $2, pause_reason = $3 \
         WHERE person_id = $4 AND school_id = $5 AND active = 1",
    )
    .bind(input.from.format("%Y-%m-%d").to_string())
    .bind(input.until.format("%Y-%m-%d").to_string())
    .bind(reason)
    .bind(person_id)
    .bind(school_id)
    .execute(e)
    .await
    .rows_affected())?;
    if done == 0 {
        return Err(AppError::Conflict(
            "This person has left the school, so their training cannot be paused".into(),
        ));
    }
    Ok(())
}

/// What ending a pause did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ended {
    /// There was no pause: nothing changed (ending one twice is not an error).
    Nothing,
    /// The pause had not begun, so it is gone.
    Removed,
    /// The pause was under way and now ends yesterday.
    Shortened(PauseView),
}

/// Ends a pause: one not begun is removed; one under way ends yesterday, so the days
/// already paused still move the deadlines on.
pub async fn end(db: &Db, person_id: &str, school_id: &str, today: NaiveDate) -> AppResult<Ended> {
    let Some(current) = pause_of(db, person_id, school_id).await? else {
        return Ok(Ended::Nothing);
    };
    let kept = today
        .checked_sub_days(Days::new(1))
        .filter(|yesterday| current.from <= *yesterday)
        .map(|yesterday| PauseView {
            until: current.until.min(yesterday),
            ..current
        });
    on_db!(db, |e| sqlx::query(
        "UPDATE memberships SET paused_from = $1, paused_until = $2, pause_reason = $3 \
         WHERE person_id = $4 AND school_id = $5",
    )
    .bind(kept.as_ref().map(|p| p.from.format("%Y-%m-%d").to_string()))
    .bind(
        kept.as_ref()
            .map(|p| p.until.format("%Y-%m-%d").to_string()),
    )
    .bind(kept.as_ref().map(|p| p.reason.clone()))
    .bind(person_id)
    .bind(school_id)
    .execute(e)
    .await
    .rows_affected())?;
    Ok(kept.map_or(Ended::Removed, Ended::Shortened))
}

/// The pause recorded for a membership, if any.
pub async fn pause_of(db: &Db, person_id: &str, school_id: &str) -> AppResult<Option<PauseView>> {
    let row: Option<(Option<String>, Option<String>, Option<String>)> =
        on_db!(db, |e| sqlx::query_as(
            "SELECT paused_from, paused_until, pause_reason FROM memberships \
         WHERE person_id = $1 AND school_id = $2",
        )
        .bind(person_id)
        .bind(school_id)
        .fetch_optional(e)
        .await)?;
    let Some((Some(from), Some(until), reason)) = row else {
        return Ok(None);
    };
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
    Ok(day(&from).zip(day(&until)).map(|(from, until)| PauseView {
        from,
        until,
        reason: reason.unwrap_or_default(),
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(from: &str, until: &str, reason: &str) -> PauseInput {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        PauseInput {
            school_id: None,
            from: d(from),
            until: d(until),
            reason: reason.into(),
        }
    }

    #[test]
    fn a_pause_needs_a_reason_an_order_and_a_sane_length() {
        assert_eq!(
            checked(&input("2026-09-01", "2027-03-01", "  Maternity leave ")).unwrap(),
            "Maternity leave"
        );
        assert!(checked(&input("2026-09-01", "2026-09-01", "One day")).is_ok());
        for bad in [
            input("2026-09-01", "2027-03-01", "   "),
            input("2026-09-02", "2026-09-01", "Leave"),
            input("2026-09-01", "2028-09-02", "Leave"),
            input("2026-09-01", "2026-10-01", &"x".repeat(301)),
        ] {
            assert!(checked(&bad).is_err(), "{bad:?}");
        }
    }
}
