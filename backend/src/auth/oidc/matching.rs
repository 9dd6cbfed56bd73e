//! Whom a directory's answer signs in: a verified email within its domains, of a person who
//! already belongs to its place.

use attest_domain::api::DirectoryRefusal;

use super::providers::Provider;
use crate::db::Db;
use crate::error::AppResult;
use crate::on_db;

/// The domain of an email address, lower case (`None` without one).
pub fn domain_of(email: &str) -> Option<String> {
    let (local, domain) = email.trim().rsplit_once('@')?;
    (!local.is_empty() && !domain.is_empty()).then(|| domain.to_lowercase())
}

/// Whether `email` is within `domains`.
pub fn within(email: &str, domains: &[String]) -> bool {
    domain_of(email).is_some_and(|d| domains.contains(&d))
}

/// The email the directory vouches for, if it is verified and within the domains.
pub fn vouched_email(
    email: Option<&str>,
    verified: Option<bool>,
    domains: &[String],
) -> Result<String, DirectoryRefusal> {
    let email = email
        .map(|e| e.trim().to_lowercase())
        .ok_or(DirectoryRefusal::Unverified)?;
    if verified != Some(true) {
        return Err(DirectoryRefusal::Unverified);
    }
    if !within(&email, domains) {
        return Err(DirectoryRefusal::Domain);
    }
    Ok(email)
}

/// The active person with `email` who belongs to the provider's place: a current member of
/// its school (for a trust, of one of its schools, or of its central team).
pub async fn person_of_place(
    db: &Db,
    provider: &Provider,
    email: &str,
) -> AppResult<Option<String>> {
    let row: Option<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT p.id FROM people p WHERE p.email = $1 AND p.active = 1 AND ( \
           p.id IN (SELECT m.person_id FROM memberships m JOIN schools s ON s.id = m.school_id \
                    WHERE m.active = 1 AND (s.id = $2 OR s.trust_id = $3)) \
           OR p.id IN (SELECT person_id FROM trust_roles WHERE trust_id = $3))",
    )
    .bind(email)
    .bind(provider.school_id.as_deref())
    .bind(provider.trust_id.as_deref())
    .fetch_optional(e)
    .await)?;
    Ok(row.map(|(id,)| id))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn domains() -> Vec<String> {
        vec!["school.example".into(), "trust.example".into()]
    }

    #[test]
    fn only_a_verified_email_within_the_domains_is_vouched_for() {
        let d = domains();
        assert_eq!(
            vouched_email(Some("Head@School.Example "), Some(true), &d),
            Ok("head@school.example".to_string())
        );
        assert_eq!(
            vouched_email(Some("head@school.example"), Some(false), &d),
            Err(DirectoryRefusal::Unverified)
        );
        assert_eq!(
            vouched_email(Some("head@school.example"), None, &d),
            Err(DirectoryRefusal::Unverified)
        );
        assert_eq!(
            vouched_email(None, Some(true), &d),
            Err(DirectoryRefusal::Unverified)
        );
        assert_eq!(
            vouched_email(Some("head@elsewhere.example"), Some(true), &d),
            Err(DirectoryRefusal::Domain)
        );
        // A subdomain or a look-alike is not the domain.
        assert_eq!(
            vouched_email(Some("head@evil.school.example"), Some(true), &d),
            Err(DirectoryRefusal::Domain)
        );
        assert_eq!(
            vouched_email(Some("head@school.example.evil"), Some(true), &d),
            Err(DirectoryRefusal::Domain)
        );
    }

    #[test]
    fn domains_are_read_from_the_last_at_sign() {
        assert_eq!(
            domain_of("a@b@School.example").as_deref(),
            Some("school.example")
        );
        assert_eq!(domain_of("nobody"), None);
        assert_eq!(domain_of("@school.example"), None);
    }
}
