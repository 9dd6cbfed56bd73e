//! `attest remind --once [--dry-run]`: one sweep and send, printed for a person.

use std::collections::HashMap;

use crate::clock::Clock;
use crate::config::RemindArgs;
use crate::db::ids::time_text;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::reminders::outbox::NewReminder;
use crate::reminders::sender::{send_due, Mailer};
use crate::reminders::sweep::sweep;

/// Runs the sweep once and sends what is due (or, with `--dry-run`, only says what it would do).
pub async fn remind(args: RemindArgs) -> AppResult<()> {
    if !args.once && !args.dry_run {
        return Err(AppError::Unprocessable(
            "say --once to sweep and send now, or --dry-run to see what would be sent \
             (`attest serve` sends reminders on its own schedule)"
                .into(),
        ));
    }
    let db = Db::connect(&args.database.url()).await?;
    let clock = Clock::System;
    let settings = args.mail.settings("http://localhost:8080");
    let now = clock.now();
    let report = sweep(&db, now, settings.escalate_after_days, args.dry_run).await?;
    let emails = emails(&db).await?;
    let verb = if args.dry_run { "would write" } else { "wrote" };
    println!(
        "sweep at {}: {} reminder(s) due, {verb} {} new",
        time_text(now),
        report.due,
        report.written.len()
    );
    for r in &report.written {
        println!("  {}", describe(r, &emails));
    }
    if args.dry_run {
        let (waiting,): (i64,) = on_db!(db, |e| sqlx::query_as(
            "SELECT COUNT(*) FROM reminders WHERE status = 'pending' AND send_after <= $1",
        )
        .bind(time_text(now))
        .fetch_one(e)
        .await)?;
        println!(
            "{} reminder(s) already waiting would be sent; nothing was written or sent (dry run)",
            waiting
        );
        return Ok(());
    }
    let mailer = Mailer::from_args(&args.mail, &args.database.data_dir)?;
    let sent = send_due(&db, &mailer, &settings, &clock, "remind-once").await?;
    println!(
        "sent {} (to {}), {} to retry later, {} failed, {} held for a holiday",
        sent.sent,
        mailer.describe(),
        sent.retrying,
        sent.failed,
        sent.deferred
    );
    Ok(())
}

/// One reminder as a line: stage, recipient and what it is about.
fn describe(r: &NewReminder, emails: &HashMap<String, String>) -> String {
    let who = emails
        .get(&r.person_id)
        .map_or(r.person_id.as_str(), String::as_str);
    let due = r.due_on.map(|d| format!(" due {d}")).unwrap_or_default();
    format!("{:<12} {who}{due}", r.stage.as_str())
}

async fn emails(db: &Db) -> AppResult<HashMap<String, String>> {
    Ok(on_db!(db, |e| sqlx::query_as::<_, (String, String)>(
        "SELECT id, email FROM people"
    )
    .fetch_all(e)
    .await)?
    .into_iter()
    .collect())
}
