//! The reminder loop inside `attest serve`: sweep on an interval, send what is due.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::clock::Clock;
use crate::db::ids::random_hex;
use crate::db::Db;
use crate::reminders::sender::{send_due, Mailer};
use crate::reminders::sweep::sweep;
use crate::reminders::ReminderSettings;

/// How often the sender looks for retries that have come due.
const SEND_POLL: Duration = Duration::from_secs(60);

/// Everything the loop runs with.
#[derive(Debug, Clone)]
pub struct Scheduler {
    /// The database.
    pub db: Db,
    /// Where "now" comes from.
    pub clock: Clock,
    /// Where mail goes.
    pub mailer: Mailer,
    /// Links, from-address, escalation.
    pub settings: ReminderSettings,
    /// Time between sweeps; `None` turns the sweep off (account mail is still sent).
    pub sweep_every: Option<Duration>,
    /// Woken when a handler queues mail that should go at once.
    pub waker: Arc<Notify>,
    /// Woken when a handler asks for a sweep now (a staff import).
    pub sweep_waker: Arc<Notify>,
}

impl Scheduler {
    /// Runs until the task is dropped; errors are logged and the loop carries on.
    pub async fn run(self) {
        // Names this server's claims in the outbox, so two servers can be told apart.
        let sender = format!("serve-{}", random_hex(4));
        let mut next_sweep = self.sweep_every.map(|_| Instant::now());
        loop {
            if let (Some(at), Some(every)) = (next_sweep, self.sweep_every) {
                if Instant::now() >= at {
                    let now = self.clock.now();
                    match sweep(&self.db, now, self.settings.escalate_after_days, false).await {
                        Ok(report) => tracing::info!(
                            due = report.due,
                            written = report.written.len(),
                            "reminder sweep done"
                        ),
                        Err(error) => tracing::error!(%error, "reminder sweep failed"),
                    }
                    next_sweep = Some(at + every);
                }
            }
            match send_due(&self.db, &self.mailer, &self.settings, &self.clock, &sender).await {
                Ok(report) if report.sent + report.retrying + report.failed > 0 => {
                    tracing::info!(?report, "reminder mail sent")
                }
                Ok(_) => {}
                Err(error) => tracing::error!(%error, "sending reminders failed"),
            }
            let poll = Instant::now() + SEND_POLL;
            let wake_at = next_sweep.map_or(poll, |at| at.min(poll));
            tokio::select! {
                () = self.waker.notified() => {}
                () = self.sweep_waker.notified() => {
                    // The sweep runs now; the next one is an interval after it.
                    if next_sweep.is_some() {
                        next_sweep = Some(Instant::now());
                    }
                }
                () = tokio::time::sleep_until(wake_at) => {}
            }
        }
    }
}
