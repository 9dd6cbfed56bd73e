//! Granting and revoking managing roles from the app: never above one's own role, and only
//! in a place one manages. The changes themselves are `admin::grant` and `admin::revoke`,
//! the same the `attest admin` verbs make.

use attest_domain::api::{Role as RoleName, RoleChange};
use chrono::{DateTime, Utc};

use crate::admin::Role;
use crate::audit::Scope;
use crate::auth::oidc::providers;
use crate::db::Db;
use crate::error::{AppError, AppResult};
use crate::manage::access::{holdings, rank, Manager};
use crate::manage::people_import::plausible_email;
use crate::on_db;
use crate::reminders::links::request_link;
use crate::reminders::Stage;

/// The role asked for, where it is held, once the manager may give or take it: 403 for a
/// role above their own, 404 for a place they do not manage.
pub fn allowed(manager: &Manager, change: &RoleChange) -> AppResult<Role> {
    if change.role == RoleName::Staff {
        return Err(AppError::Unprocessable(
            "Choose school manager, trust manager or administrator".into(),
        ));
    }
    if !plausible_email(change.email.trim()) {
        return Err(AppError::Unprocessable(
            "Enter their email address, such as name@school.example".into(),
        ));
    }
    if rank(change.role.as_str()) > manager.rank() {
        return Err(AppError::NotYourRole(
            "you can give a role up to your own, not above it",
        ));
    }
    let school = change.school_id.as_deref().filter(|s| !s.is_empty());
    let trust = change.trust_id.as_deref().filter(|t| !t.is_empty());
    let in_trust = |trust_id: &str| {
        if manager.trusts.iter().any(|t| t == trust_id) {
            Ok(())
        } else {
            Err(AppError::NotFound("trust"))
        }
    };
    match (change.role, school, trust) {
        (RoleName::SchoolManager, Some(school_id), None) => {
            manager.school(school_id)?;
            Ok(Role::SchoolManager {
                school_id: school_id.to_string(),
            })
        }
        (RoleName::TrustManager, None, Some(trust_id)) => {
            in_trust(trust_id)?;
            Ok(Role::TrustManager {
                trust_id: trust_id.to_string(),
            })
        }
        (RoleName::Admin, None, Some(trust_id)) => {
            in_trust(trust_id)?;
            Ok(Role::Admin {
                trust_id: Some(trust_id.to_string()),
                school_id: None,
            })
        }
        (RoleName::Admin, Some(school_id), None) => {
            manager.school(school_id)?;
            Ok(Role::Admin {
                trust_id: None,
                school_id: Some(school_id.to_string()),
            })
        }
        _ => Err(AppError::Unprocessable(
            "A school manager is held at a school, a trust manager at a trust, and an \
             administrator at a trust or at a school on its own: name the one place"
                .into(),
        )),
    }
}

/// 403 when the person already holds a role above the manager's own: granting would
/// otherwise overwrite it (an administrator made a mere school manager) and revoking take it.
pub async fn not_above(db: &Db, manager: &Manager, email: &str) -> AppResult<()> {
    let found: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT id FROM people WHERE email = $1"
    )
    .bind(email.trim().to_lowercase())
    .fetch_optional(e)
    .await)?;
    let Some((person_id,)) = found else {
        return Ok(());
    };
    let mut conn = db.pool.acquire().await?;
    let held = holdings(&mut conn, &[person_id.as_str()]).await?;
    match held.get(&person_id) {
        Some(held) if held.rank > manager.rank() => Err(AppError::NotYourRole(
            "they hold a role above yours: only someone with that role can change their roles",
        )),
        _ => Ok(()),
    }
}

/// Where a role change is recorded in the audit log.
pub fn scope(role: &Role) -> Option<Scope<'_>> {
    match role {
        Role::SchoolManager { school_id }
        | Role::Admin {
            school_id: Some(school_id),
            ..
        } => Some(Scope::School(school_id)),
        Role::TrustManager { trust_id }
        | Role::Admin {
            trust_id: Some(trust_id),
            ..
        } => Some(Scope::Trust(trust_id)),
        Role::Admin { .. } => None,
    }
}

/// Invites someone just given a role to sign in: nothing for someone with a password or a
/// school directory that speaks for their email, else a mailed link to choose a password.
/// Whether mail was queued, and what to tell the manager.
pub async fn invite(db: &Db, email: &str, now: DateTime<Utc>) -> AppResult<(bool, String)> {
    let (hash,): (Option<String>,) = on_db!(db, |e| sqlx::query_as(
        "SELECT password_hash FROM people WHERE email = $1"
    )
    .bind(email.trim().to_lowercase())
    .fetch_one(e)
    .await)?;
    if hash.is_some() {
        return Ok((false, "They can sign in as they already do.".into()));
    }
    if providers::for_email(db, email).await?.is_some() {
        return Ok((false, "They sign in with their school account.".into()));
    }
    let queued = request_link(db, email, Stage::PasswordReset, now).await?;
    Ok((
        queued,
        "We've emailed them a link to choose a password.".into(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn manager(schools: &[&str], trusts: &[&str], admin: bool) -> Manager {
        Manager {
            person_id: "me".into(),
            schools: schools.iter().map(|s| s.to_string()).collect(),
            trusts: trusts.iter().map(|t| t.to_string()).collect(),
            admin,
            from: None,
        }
    }

    fn change(role: RoleName, school: Option<&str>, trust: Option<&str>) -> RoleChange {
        RoleChange {
            email: "new@school.example".into(),
            name: None,
            role,
            school_id: school.map(str::to_string),
            trust_id: trust.map(str::to_string),
        }
    }

    fn status(result: AppResult<Role>) -> &'static str {
        match result {
            Ok(_) => "ok",
            Err(AppError::NotYourRole(_)) => "403",
            Err(AppError::NotFound(_)) => "404",
            Err(AppError::Unprocessable(_)) => "422",
            Err(_) => "other",
        }
    }

    #[test]
    fn nobody_grants_above_their_own_role_or_outside_their_places() {
        let head = manager(&["s1"], &[], false);
        let central = manager(&["s1", "s2"], &["t1"], false);
        let admin = manager(&["s1", "s2", "s3"], &["t1", "t2"], true);
        use RoleName::*;
        let cases = [
            (&head, change(SchoolManager, Some("s1"), None), "ok"),
            (&head, change(SchoolManager, Some("s2"), None), "404"),
            (&head, change(TrustManager, None, Some("t1")), "403"),
            (&head, change(Admin, Some("s1"), None), "403"),
            (&central, change(SchoolManager, Some("s2"), None), "ok"),
            (&central, change(TrustManager, None, Some("t1")), "ok"),
            (&central, change(TrustManager, None, Some("t2")), "404"),
            (&central, change(Admin, None, Some("t1")), "403"),
            (&admin, change(Admin, None, Some("t2")), "ok"),
            (&admin, change(Admin, Some("s3"), None), "ok"),
            (&admin, change(Staff, Some("s3"), None), "422"),
            (&admin, change(SchoolManager, Some("s1"), Some("t1")), "422"),
            (&admin, change(TrustManager, Some("s1"), None), "422"),
            (
                &admin,
                RoleChange {
                    email: "not an address".into(),
                    ..change(SchoolManager, Some("s1"), None)
                },
                "422",
            ),
        ];
        for (who, asked, want) in cases {
            assert_eq!(status(allowed(who, &asked)), want, "{asked:?}");
        }
    }
}
