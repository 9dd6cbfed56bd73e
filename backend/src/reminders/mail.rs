//! The words of each mail: subject, plain text and HTML, from an outbox row.

use chrono::NaiveDate;

use crate::db::ids::parse_date;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::on_db;
use crate::reminders::outbox::{Claimed, DueItem};
use crate::reminders::sweep::DigestLine;
use crate::reminders::Stage;

/// A mail ready to be addressed and sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The recipient's name.
    pub to_name: String,
    /// The recipient's address.
    pub to_email: String,
    /// The subject line.
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body.
    pub html: String,
}

/// What a mail talks about, read from the database.
#[derive(Debug, Clone)]
pub struct Facts {
    /// The recipient's name.
    pub name: String,
    /// The recipient's address.
    pub email: String,
    /// The school's name, if the mail comes from one.
    pub school: Option<String>,
    /// The policy's title and version label, if it is about one.
    pub policy: Option<(String, String)>,
    /// The deadline.
    pub due: Option<NaiveDate>,
    /// A digest's lines as (person, policy, due).
    pub lines: Vec<(String, String, NaiveDate)>,
}

/// Reads what a row's mail needs.
pub async fn facts(db: &Db, row: &Claimed) -> AppResult<Facts> {
    let (name, email): (String, String) = on_db!(db, |e| sqlx::query_as(
        "SELECT name, email FROM people WHERE id = $1"
    )
    .bind(&row.person_id)
    .fetch_optional(e)
    .await)?
    .ok_or(AppError::NotFound("person"))?;
    let school: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT name FROM schools WHERE id = $1"
    )
    .bind(row.school_id.as_deref().unwrap_or(""))
    .fetch_optional(e)
    .await)?;
    let mut lines = Vec::new();
    let unreadable =
        |e: serde_json::Error| AppError::Internal(format!("unreadable reminder details: {e}"));
    let staff = Stage::parse(&row.stage).is_some_and(Stage::is_staff);
    if staff && !row.details.is_empty() {
        // A staff reminder listing several policies: each with its version and deadline.
        let items: Vec<DueItem> = serde_json::from_str(&row.details).map_err(unreadable)?;
        for item in items {
            let (policy, label) = version_names(db, &item.version_id)
                .await?
                .unwrap_or_default();
            lines.push((String::new(), format!("{policy} ({label})"), item.due));
        }
    } else if !row.details.is_empty() {
        let digest: Vec<DigestLine> = serde_json::from_str(&row.details).map_err(unreadable)?;
        for line in digest {
            let who: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
                "SELECT name FROM people WHERE id = $1"
            )
            .bind(&line.person_id)
            .fetch_optional(e)
            .await)?;
            let policy = version_names(db, &line.version_id).await?;
            lines.push((
                who.map(|(n,)| n).unwrap_or_default(),
                policy.map(|(title, _)| title).unwrap_or_default(),
                line.due,
            ));
        }
    }
    Ok(Facts {
        name,
        email,
        school: school.map(|(s,)| s),
        policy: version_names(db, &row.version_id).await?,
        due: row.due_on.as_deref().and_then(parse_date),
        lines,
    })
}

/// A version's policy title and label ("v2"); none for no version ('') or one not there.
async fn version_names(db: &Db, version_id: &str) -> AppResult<Option<(String, String)>> {
    if version_id.is_empty() {
        return Ok(None);
    }
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT p.title, v.label FROM policy_versions v JOIN policies p ON p.id = v.policy_id \
         WHERE v.id = $1",
    )
    .bind(version_id)
    .fetch_optional(e)
    .await)?)
}

/// The mail for a stage, with its link: one that signs the person in once within
/// `link_hours`, or (`None`) a plain one to a page they sign in to as usual.
pub fn render(stage: Stage, facts: &Facts, link: &str, link_hours: Option<i64>) -> Rendered {
    let link_note = match link_hours {
        Some(hours) => format!("This link signs you in once and expires after {hours} hours."),
        None => "Sign in with your password to open it.".to_string(),
    };
    let link_hours = link_hours.unwrap_or_default();
    let school = facts.school.clone().unwrap_or_else(|| "Attest".into());
    let policy = facts
        .policy
        .as_ref()
        .map(|(t, l)| format!("{t} ({l})"))
        .unwrap_or_default();
    let due = facts.due.map(long_date).unwrap_or_default();
    let several = stage.is_staff() && !facts.lines.is_empty();
    let (subject, lead, action) = match stage {
        _ if several => (
            format!("{school}: {} to complete", policies(facts.lines.len())),
            if stage == Stage::Overdue {
                format!("{school} has asked you to read and sign these policies, and at least one is now overdue. Please complete them as soon as you can:")
            } else {
                format!("{school} has asked you to read and sign these policies. Each takes a few minutes: read the lessons, answer the questions and sign.")
            },
            "Open My training",
        ),
        Stage::NewStarter => (
            format!("{school}: please complete {policy}"),
            format!("{school} has asked you to read and sign {policy}. Please complete it by {due}."),
            "Open the module",
        ),
        Stage::NewVersion => (
            format!("{school}: a new version of {policy} needs your signature"),
            format!("{school} has published a new version, {policy}, that everyone must sign again. Please complete it by {due}."),
            "Open the new version",
        ),
        Stage::Due30 | Stage::Due7 | Stage::Due1 => (
            format!("{school}: {policy} is due by {due}"),
            format!("Your attestation of {policy} at {school} is due by {due}. It takes a few minutes: read the lessons, answer the questions and sign."),
            "Open the module",
        ),
        Stage::Overdue => (
            format!("{school}: {policy} is overdue"),
            format!("Your attestation of {policy} at {school} was due by {due} and is now overdue. Please complete it as soon as you can."),
            "Open the module",
        ),
        Stage::Escalation => (
            format!("{school}: {} overdue on their policies", people(facts.lines.len())),
            format!("These people at {school} have been overdue for a while:"),
            "Open the reminder log",
        ),
        Stage::Review60 | Stage::Review30 => (
            format!("{school}: {policy} is due for review by {due}"),
            format!("The policy {policy} at {school} is due for its review by {due}. Review it and publish a new version if anything has changed."),
            "Open Attest",
        ),
        Stage::Manual => (
            format!("{school}: a reminder about your policy training"),
            format!("Your manager at {school} has asked you to complete your outstanding policy training."),
            "Open My training",
        ),
        Stage::Invitation => (
            format!("{school} would like to add you to its staff"),
            format!("{school} would like to add you to its staff in Attest. You already have an account through another school: sign in and choose Join or Decline on My training. Nothing changes until you do."),
            "Open My training",
        ),
        Stage::SignInLink => (
            "Your Attest sign-in link".to_string(),
            format!("Here is the sign-in link you asked for. It works once, within {link_hours} hours."),
            "Sign in to Attest",
        ),
        Stage::PasswordReset => (
            "Reset your Attest password".to_string(),
            format!("Someone (we hope you) asked to reset your Attest password. The link works once, within {link_hours} hours; if it wasn't you, ignore this mail."),
            "Choose a new password",
        ),
    };
    let mut text = format!("Hello {},\n\n{lead}\n", facts.name);
    let mut html = format!(
        "<p>Hello {},</p>\n<p>{}</p>\n",
        escape(&facts.name),
        escape(&lead)
    );
    if several {
        html.push_str("<table>\n<tr><th>Policy</th><th>Due</th></tr>\n");
        for (_, title, due) in &facts.lines {
            let due = long_date(*due);
            text.push_str(&format!("  - {title}, due by {due}\n"));
            html.push_str(&format!(
                "<tr><td>{}</td><td>{due}</td></tr>\n",
                escape(title)
            ));
        }
        html.push_str("</table>\n");
    } else if !facts.lines.is_empty() {
        html.push_str("<table>\n<tr><th>Who</th><th>Policy</th><th>Due</th></tr>\n");
        for (who, title, due) in &facts.lines {
            // A digest names people; a person's own list only needs the policies.
            let who = if stage == Stage::Escalation {
                who.as_str()
            } else {
                ""
            };
            text.push_str(&format!(
                "  - {who}{}{title}, due {due}\n",
                if who.is_empty() { "" } else { ": " }
            ));
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{due}</td></tr>\n",
                escape(who),
                escape(title)
            ));
        }
        html.push_str("</table>\n");
    }
    text.push_str(&format!(
        "\n{action}: {link}\n\n{link_note}\n\n{school}, via Attest\n"
    ));
    html.push_str(&format!(
        "<p><a href=\"{}\">{}</a></p>\n<p>{link_note}</p>\n<p>{}, via Attest</p>\n",
        escape(link),
        escape(action),
        escape(&school)
    ));
    Rendered {
        to_name: facts.name.clone(),
        to_email: facts.email.clone(),
        subject,
        text,
        html,
    }
}

/// A deadline as mail writes it: "Tuesday 15 September 2026".
fn long_date(day: NaiveDate) -> String {
    day.format("%A %-d %B %Y").to_string()
}

/// "1 policy", "3 policies".
fn policies(n: usize) -> String {
    if n == 1 {
        "1 policy".into()
    } else {
        format!("{n} policies")
    }
}

/// "1 person", "3 people".
fn people(n: usize) -> String {
    if n == 1 {
        "1 person".into()
    } else {
        format!("{n} people")
    }
}

/// Escapes text for HTML.
fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reminder_names_the_school_the_policy_the_date_and_the_link() {
        let facts = Facts {
            name: "Alex <Taylor>".into(),
            email: "a@example.org".into(),
            school: Some("Chad Vale".into()),
            policy: Some(("Social Media Policy".into(), "v1".into())),
            due: NaiveDate::from_ymd_opt(2026, 9, 15),
            lines: vec![],
        };
        let mail = render(Stage::Due7, &facts, "https://x/link/abc", Some(24));
        assert_eq!(
            mail.subject,
            "Chad Vale: Social Media Policy (v1) is due by Tuesday 15 September 2026"
        );
        assert!(mail.text.contains("https://x/link/abc"));
        assert!(mail.html.contains("Alex &lt;Taylor&gt;"));
    }
}
