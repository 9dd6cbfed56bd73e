//! The sender: claims due outbox rows and delivers them over SMTP, or into `.eml` files.
//!
//! Each row is claimed, sent and confirmed on its own, and a send is cut off after half
//! the claim's lease: a claim can only lapse for a sender that has died, so no other
//! sender mails (and links) the same reminder again while the first is still at it.

use std::path::PathBuf;

use chrono::{DateTime, Utc};
use lettre::message::header::ContentType;
use lettre::message::{Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use crate::clock::Clock;
use crate::config::{MailArgs, SmtpTls};
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::access::load_manager;
use crate::reminders::calendar::Calendar;
use crate::reminders::links::{create_link, Purpose};
use crate::reminders::mail::{facts, render, Rendered};
use crate::reminders::outbox::{claim, defer, mark_sent, mark_try_failed, Claimed};
use crate::reminders::{ReminderSettings, Stage};

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    /// An SMTP server.
    Smtp {
        /// The transport.
        transport: AsyncSmtpTransport<Tokio1Executor>,
        /// "host:port (tls)", for the log.
        described: String,
    },
    /// `.eml` files in a folder (no SMTP configured).
    Files(PathBuf),
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.describe())
    }
}

impl Mailer {
    /// The mailer the configuration asks for: SMTP when a host is set, else files under `data_dir`.
    pub fn from_args(args: &MailArgs, data_dir: &std::path::Path) -> AppResult<Mailer> {
        let Some(host) = args.smtp_host.as_deref().filter(|h| !h.is_empty()) else {
            return Ok(Mailer::Files(data_dir.join("outbox-mail")));
        };
        let credentials = args.smtp_user.clone().zip(args.smtp_password.clone());
        Mailer::smtp(host, args.port(), args.smtp_tls, credentials)
    }

    /// An SMTP mailer; `credentials` are (user, password).
    pub fn smtp(
        host: &str,
        port: u16,
        tls: SmtpTls,
        credentials: Option<(String, String)>,
    ) -> AppResult<Mailer> {
        let smtp_error = |e: lettre::transport::smtp::Error| {
            AppError::Internal(format!("SMTP settings for {host}: {e}"))
        };
        let builder = match tls {
            SmtpTls::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host),
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(host).map_err(smtp_error)?
            }
            SmtpTls::Tls => {
                AsyncSmtpTransport::<Tokio1Executor>::relay(host).map_err(smtp_error)?
            }
        };
        let mut builder = builder
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(20)));
        if let Some((user, password)) = credentials {
            builder = builder.credentials(Credentials::new(user, password));
        }
        Ok(Mailer::Smtp {
            transport: builder.build(),
            described: format!("SMTP {host}:{port} ({tls:?})"),
        })
    }

    /// Where mail goes, for the log (never with credentials).
    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp { described, .. } => described.clone(),
            Mailer::Files(dir) => format!(".eml files in {}", dir.display()),
        }
    }

    /// Hands one message over; the error text is what the outbox records.
    async fn deliver(&self, id: &str, message: Message) -> Result<(), String> {
        match self {
            Mailer::Smtp { transport, .. } => transport
                .send(message)
                .await
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Mailer::Files(dir) => {
                let file = dir.join(format!("{id}.eml"));
                let write = async {
                    tokio::fs::create_dir_all(dir).await?;
                    tokio::fs::write(&file, message.formatted()).await
                };
                write
                    .await
                    .map_err(|e| format!("{}: {e}", file.display()))?;
                tracing::info!(file = %file.display(), "mail written (no SMTP configured)");
                Ok(())
            }
        }
    }
}

/// What one run of the sender did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SendReport {
    /// Delivered.
    pub sent: usize,
    /// Failed this time, to be retried later.
    pub retrying: usize,
    /// Failed for the last time.
    pub failed: usize,
    /// Held back for a school holiday.
    pub deferred: usize,
}

/// Sends every reminder due now, claiming rows so another sender cannot send them too.
pub async fn send_due(
    db: &Db,
    mailer: &Mailer,
    settings: &ReminderSettings,
    clock: &Clock,
    sender: &str,
) -> AppResult<SendReport> {
    let mut report = SendReport::default();
    let calendar = Calendar::load(db).await?;
    // Half the lease, so that a claim outlasts its send with room to confirm it.
    let budget = settings.claim_lease.to_std().unwrap_or_default() / 2;
    while let Some((token, row)) = claim(db, sender, clock.now(), settings.claim_lease).await? {
        let now = clock.now();
        let stage = Stage::parse(&row.stage);
        let school = row.school_id.as_deref().unwrap_or("");
        let today = now.date_naive();
        if stage.is_some_and(Stage::is_school_mail) && calendar.is_holiday(school, today) {
            let back = calendar.first_day_back(school, today);
            let at = back.and_hms_opt(0, 0, 0).map_or(now, |t| t.and_utc());
            defer(db, &row.id, &token, at).await?;
            report.deferred += 1;
            continue;
        }
        let outcome = match stage {
            Some(stage) => {
                let send = send_one(db, mailer, settings, &row, stage, now);
                tokio::time::timeout(budget, send)
                    .await
                    .unwrap_or_else(|_| Err(format!("not sent within {budget:?}")))
            }
            None => Err(format!("unknown stage {}", row.stage)),
        };
        match outcome {
            Ok(()) => {
                if !mark_sent(db, &row.id, &token, clock.now()).await? {
                    tracing::error!(reminder = %row.id, "the claim lapsed while sending");
                }
                report.sent += 1;
            }
            Err(error) => {
                tracing::warn!(reminder = %row.id, %error, "sending a reminder failed");
                if mark_try_failed(db, &row, &token, clock.now(), &error).await? {
                    report.failed += 1;
                } else {
                    report.retrying += 1;
                }
            }
        }
    }
    Ok(report)
}

/// Renders, links and delivers one row.
async fn send_one(
    db: &Db,
    mailer: &Mailer,
    settings: &ReminderSettings,
    row: &Claimed,
    stage: Stage,
    now: DateTime<Utc>,
) -> Result<(), String> {
    let facts = facts(db, row).await.map_err(|e| e.to_string())?;
    let school = row.school_id.as_deref().unwrap_or("");
    let (purpose, target) = match stage {
        Stage::NewStarter
        | Stage::NewVersion
        | Stage::Due30
        | Stage::Due7
        | Stage::Due1
        | Stage::Overdue => match row.version_id.as_str() {
            // A reminder listing several policies opens My training, which lists them.
            "" => (Purpose::SignIn, "/training".to_string()),
            version => (Purpose::SignIn, format!("/modules/{version}")),
        },
        Stage::Escalation | Stage::Review60 | Stage::Review30 => {
            (Purpose::SignIn, format!("/schools/{school}/reminders"))
        }
        Stage::Manual | Stage::SignInLink | Stage::Invitation => {
            (Purpose::SignIn, "/training".to_string())
        }
        Stage::PasswordReset => (Purpose::PasswordReset, String::new()),
    };
    let base = settings.public_url.trim_end_matches('/');
    // A link that signs in without a password would hand a manager's rights to whoever
    // reads their mail: mail they did not ask for links to the page, behind sign-in. So
    // does an invitation, which another school's manager set off.
    let asked = matches!(stage, Stage::SignInLink | Stage::PasswordReset);
    if !asked && (stage == Stage::Invitation || manages_anything(db, &row.person_id).await?) {
        let mail = render(stage, &facts, &format!("{base}{target}"), None);
        let message = build_message(&settings.mail_from, &mail)?;
        return mailer.deliver(&row.id, message).await;
    }
    let token = create_link(
        db,
        &row.person_id,
        purpose,
        &target,
        now,
        settings.link_lifetime,
    )
    .await
    .map_err(|e| e.to_string())?;
    let link = match purpose {
        Purpose::SignIn => format!("{base}/link/{token}"),
        Purpose::PasswordReset => format!("{base}/reset-password/{token}"),
    };
    let hours = settings.link_lifetime.num_hours();
    let mail = render(stage, &facts, &link, Some(hours));
    let message = build_message(&settings.mail_from, &mail)?;
    mailer.deliver(&row.id, message).await
}

/// Whether the person manages any school or trust.
async fn manages_anything(db: &Db, person_id: &str) -> Result<bool, String> {
    let manager = load_manager(db, person_id)
        .await
        .map_err(|e| e.to_string())?;
    Ok(!manager.schools.is_empty() || !manager.trusts.is_empty())
}

/// A multipart (plain text + HTML) message.
fn build_message(from: &str, mail: &Rendered) -> Result<Message, String> {
    let from: Mailbox = from
        .parse()
        .map_err(|e| format!("bad from address {from}: {e}"))?;
    let to = Mailbox::new(
        Some(mail.to_name.clone()),
        mail.to_email
            .parse()
            .map_err(|e| format!("bad address {}: {e}", mail.to_email))?,
    );
    Message::builder()
        .from(from)
        .to(to)
        .subject(mail.subject.clone())
        .multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(mail.text.clone()),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(mail.html.clone()),
                ),
        )
        .map_err(|e| e.to_string())
}
