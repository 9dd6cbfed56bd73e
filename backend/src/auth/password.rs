//! Password hashing with argon2id, off the async threads, a few at a time.
//!
//! Each hash takes argon2's memory (about 19 MiB) and a core for a moment. Unbounded, a
//! burst of sign-ins (anyone can send them) would hash hundreds at once: hundreds of
//! blocking threads and gigabytes of memory. So hashing waits for one of as many permits as
//! there are cores; the rest queue as small futures.

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use std::sync::OnceLock;

use tokio::sync::Semaphore;

use crate::error::{AppError, AppResult};

/// Permits to hash: one per core.
fn permits() -> &'static Semaphore {
    static PERMITS: OnceLock<Semaphore> = OnceLock::new();
    PERMITS.get_or_init(|| {
        let cores = std::thread::available_parallelism().map_or(2, usize::from);
        Semaphore::new(cores)
    })
}

/// Runs `work` on a blocking thread once a hashing permit is free.
async fn with_permit<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> AppResult<T> {
    let _permit = permits()
        .acquire()
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?;
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| AppError::Internal(e.to_string()))
}

/// Hashes a password (argon2id, random salt) on a blocking thread.
pub async fn hash(password: String) -> AppResult<String> {
    with_permit(move || hash_now(&password)).await?
}

/// Hashes a password on the current thread (for seeding and tools).
pub fn hash_now(password: &str) -> AppResult<String> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| AppError::Internal(format!("hashing failed: {e}")))
}

/// Checks a password against a stored hash on a blocking thread.
///
/// With no stored hash (unknown account) a dummy hash is still checked, so that
/// the answer takes about as long whether or not the account exists.
pub async fn verify(password: String, stored: Option<String>) -> AppResult<bool> {
    with_permit(move || {
        let dummy;
        let stored = match stored {
            Some(s) => s,
            None => {
                dummy = dummy_hash();
                dummy.to_string()
            }
        };
        let Ok(parsed) = PasswordHash::new(&stored) else {
            return false;
        };
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
    .await
}

fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| hash_now("not-a-real-password").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_hash_accepts_its_password_and_nothing_else() {
        let h = hash("correct horse".into()).await.unwrap();
        assert!(h.starts_with("$argon2id$"));
        assert!(verify("correct horse".into(), Some(h.clone()))
            .await
            .unwrap());
        assert!(!verify("wrong horse".into(), Some(h)).await.unwrap());
        assert!(!verify("anything".into(), None).await.unwrap());
    }
}
