//! Time-based one-time codes (RFC 6238, through `totp-rs`) and recovery codes: pure
//! functions of a secret, a code and a time the caller passes in.

use chrono::{DateTime, Utc};
use rand::RngCore;
use sha2::{Digest, Sha256};
use totp_rs::{Algorithm, Secret, TOTP};

/// Seconds per step: what every authenticator app assumes.
pub const STEP_SECONDS: i64 = 30;
/// Steps either side of now a code is accepted for, for phones whose clocks drift.
const SKEW_STEPS: i64 = 1;
/// Digits per code.
const DIGITS: usize = 6;
/// Recovery codes issued at a time.
pub const RECOVERY_CODES: usize = 10;
/// Recovery codes' letters: no 0/O or 1/I/L to misread from paper.
const RECOVERY_ALPHABET: &[u8] = b"23456789abcdefghjkmnpqrstuvwxyz";

/// What goes before the account in the app's list.
const ISSUER: &str = "Attest";

/// A new secret: 160 random bits (RFC 4226's recommended length), base32 for the app.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 20];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    match Secret::Raw(bytes.to_vec()).to_encoded() {
        Secret::Encoded(text) => text,
        Secret::Raw(_) => String::new(),
    }
}

fn totp(secret: &str, account: &str) -> Option<TOTP> {
    let bytes = Secret::Encoded(secret.to_string()).to_bytes().ok()?;
    // The label may not contain ':'; an email never needs one.
    let account = account.replace(':', "");
    TOTP::new(
        Algorithm::SHA1,
        DIGITS,
        0,
        STEP_SECONDS as u64,
        bytes,
        Some(ISSUER.to_string()),
        account,
    )
    .ok()
}

/// The `otpauth://` address an app scans (as a QR code) to add the account.
pub fn otpauth_uri(secret: &str, account: &str) -> Option<String> {
    totp(secret, account).map(|t| t.get_url())
}

/// The step a moment falls in.
pub fn step_of(at: DateTime<Utc>) -> i64 {
    at.timestamp().div_euclid(STEP_SECONDS)
}

/// The step whose code `code` is, within the skew around `now`, if any. The caller refuses a
/// step already used, which is what stops a replayed code.
pub fn matching_step(secret: &str, code: &str, now: DateTime<Utc>) -> Option<i64> {
    let code: String = code.chars().filter(|c| c.is_ascii_digit()).collect();
    if code.len() != DIGITS {
        return None;
    }
    let totp = totp(secret, "")?;
    let here = step_of(now);
    (here - SKEW_STEPS..=here + SKEW_STEPS)
        .filter(|step| *step >= 0)
        .find(|step| totp.check(&code, (step * STEP_SECONDS) as u64))
}

/// The code of a moment: what the person's app shows (for tests and the CLI).
pub fn code_at(secret: &str, at: DateTime<Utc>) -> Option<String> {
    totp(secret, "").map(|t| t.generate(at.timestamp().max(0) as u64))
}

/// A fresh set of recovery codes, as shown once ("abcd-efgh-jkmn").
pub fn new_recovery_codes() -> Vec<String> {
    let mut rng = rand::rngs::OsRng;
    (0..RECOVERY_CODES)
        .map(|_| {
            let letters: Vec<char> = (0..12)
                .map(|_| {
                    let i = (rng.next_u32() as usize) % RECOVERY_ALPHABET.len();
                    char::from(RECOVERY_ALPHABET[i])
                })
                .collect();
            letters
                .chunks(4)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect()
}

/// A recovery code as typed, reduced to its letters (case, spaces and dashes ignored).
pub fn normalise_recovery_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// What is stored of a recovery code.
pub fn recovery_code_hash(code: &str) -> String {
    hex::encode(Sha256::digest(normalise_recovery_code(code).as_bytes()))
}

/// Whether typed text looks like a recovery code rather than a six-digit code.
pub fn is_recovery_code(code: &str) -> bool {
    normalise_recovery_code(code).len() == 12
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: i64) -> DateTime<Utc> {
        DateTime::from_timestamp(seconds, 0).unwrap()
    }

    /// RFC 6238 appendix B's SHA-1 secret, "12345678901234567890", in base32.
    const RFC_SECRET: &str = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    #[test]
    fn codes_match_the_rfc_6238_test_vectors() {
        // The RFC's 8-digit values, of which an app shows the last six.
        for (time, eight) in [
            (59, "94287082"),
            (1111111109, "07081804"),
            (1234567890, "89005924"),
            (2000000000, "69279037"),
        ] {
            assert_eq!(code_at(RFC_SECRET, at(time)).unwrap(), eight[2..]);
        }
    }

    #[test]
    fn a_code_is_accepted_one_step_either_side_and_no_further() {
        let now = at(1_234_567_890);
        let here = step_of(now);
        for (offset, accepted) in [(-2, false), (-1, true), (0, true), (1, true), (2, false)] {
            let code = code_at(RFC_SECRET, at((here + offset) * STEP_SECONDS)).unwrap();
            let found = matching_step(RFC_SECRET, &code, now);
            assert_eq!(found.is_some(), accepted, "offset {offset}");
            if accepted {
                assert_eq!(found, Some(here + offset));
            }
        }
    }

    #[test]
    fn spaces_are_ignored_and_wrong_lengths_refused() {
        let now = at(1_111_111_109);
        assert!(matching_step(RFC_SECRET, "081 804", now).is_some());
        assert!(matching_step(RFC_SECRET, "81804", now).is_none());
        assert!(matching_step(RFC_SECRET, "0081804", now).is_none());
        assert!(matching_step(RFC_SECRET, "123456", now).is_none());
    }

    #[test]
    fn new_secrets_are_distinct_base32_of_160_bits() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 32);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_uppercase() || ('2'..='7').contains(&c)));
        let uri = otpauth_uri(&a, "head@school.example").unwrap();
        assert!(uri.starts_with("otpauth://totp/Attest:head%40school.example?"));
        assert!(uri.contains(&format!("secret={a}")));
    }

    #[test]
    fn recovery_codes_are_distinct_and_read_back_however_typed() {
        let codes = new_recovery_codes();
        assert_eq!(codes.len(), RECOVERY_CODES);
        let unique: std::collections::HashSet<_> = codes.iter().collect();
        assert_eq!(unique.len(), RECOVERY_CODES);
        let code = &codes[0];
        assert!(is_recovery_code(code));
        assert!(!is_recovery_code("123456"));
        let typed = code.replace('-', " ").to_uppercase();
        assert_eq!(recovery_code_hash(&typed), recovery_code_hash(code));
        assert_ne!(recovery_code_hash(&codes[1]), recovery_code_hash(code));
    }
}
