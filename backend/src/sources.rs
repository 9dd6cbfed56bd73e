//! Uploaded policy documents, kept whole and named by the SHA-256 of their bytes.
//!
//! A version names the file it was published from and every attestation of it names the
//! same hash, so "version V" means one exact document. `attest verify` re-reads each kept
//! file: a changed byte shows as a hash that no longer matches.

use crate::on_db;
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::db::ids::time_text;
use crate::db::Connected;
use crate::db::Db;
use crate::error::{AppError, AppResult};

/// A kept document.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Source {
    /// SHA-256 of the bytes, as lowercase hex: its name.
    pub sha256: String,
    /// Its media type, from the file name it was uploaded with.
    pub media_type: String,
    /// The name it was uploaded with.
    pub file_name: String,
    /// Its size in bytes.
    pub size: i64,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// SHA-256 of some bytes, as lowercase hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

/// The media type an upload's name implies (the decoder chooses by extension too).
pub fn media_type(file_name: &str) -> &'static str {
    let lower = file_name.to_ascii_lowercase();
    match lower.rsplit_once('.').map(|(_, ext)| ext) {
        Some("docx") => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        Some("pdf") => "application/pdf",
        Some("md") => "text/markdown; charset=utf-8",
        Some("txt") => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Keeps an uploaded file (once, however often it is uploaded) and returns its SHA-256;
/// on a connection of its own or inside the caller's transaction.
pub async fn keep(
    conn: &mut impl Connected,
    file_name: &str,
    bytes: &[u8],
    now: DateTime<Utc>,
) -> AppResult<String> {
    let sha256 = sha256_hex(bytes);
    let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
    on_db!(conn, |e| sqlx::query(
        "INSERT INTO sources (sha256, media_type, file_name, size, bytes, kept_at) \
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (sha256) DO NOTHING",
    )
    .bind(&sha256)
    .bind(media_type(file_name))
    .bind(file_name)
    .bind(size)
    .bind(bytes)
    .bind(time_text(now))
    .execute(e)
    .await
    .rows_affected())?;
    Ok(sha256)
}

/// The kept file with this SHA-256, if any.
pub async fn fetch(db: &Db, sha256: &str) -> AppResult<Option<Source>> {
    Ok(on_db!(db, |e| sqlx::query_as(
        "SELECT sha256, media_type, file_name, size, bytes FROM sources WHERE sha256 = $1",
    )
    .bind(sha256)
    .fetch_optional(e)
    .await)?)
}

/// Refuses a publish naming a file that was never kept (or is not a SHA-256 at all).
pub async fn ensure_kept(db: &Db, sha256: &str) -> AppResult<()> {
    let is_hex = sha256.len() == 64 && sha256.bytes().all(|b| b.is_ascii_hexdigit());
    let found: Option<(String,)> = if is_hex {
        on_db!(db, |e| sqlx::query_as(
            "SELECT sha256 FROM sources WHERE sha256 = $1"
        )
        .bind(sha256.to_ascii_lowercase())
        .fetch_optional(e)
        .await)?
    } else {
        None
    };
    found.map(|_| ()).ok_or_else(|| {
        AppError::Unprocessable(
            "The uploaded file was not found: upload it again and publish from the new preview"
                .into(),
        )
    })
}

/// What `attest verify` found wrong with the kept files.
#[derive(Debug, Clone, Default)]
pub struct SourceReport {
    /// Files checked.
    pub files: usize,
    /// Each problem, in words.
    pub problems: Vec<String>,
}

impl SourceReport {
    /// A summary for the terminal.
    pub fn describe(&self) -> String {
        let mut out = format!("checked {} kept policy file(s)\n", self.files);
        if self.problems.is_empty() {
            out.push_str("every kept file matches its hash and every version's file is kept\n");
        }
        for p in &self.problems {
            out.push_str(&format!("BROKEN: {p}\n"));
        }
        out
    }
}

/// Re-hashes every kept file, and checks every version that names a file still has it.
pub async fn verify_all(db: &Db) -> AppResult<SourceReport> {
    let mut report = SourceReport::default();
    // One at a time: a school's files together can be larger than memory should hold.
    let names: Vec<(String,)> = on_db!(db, |e| sqlx::query_as(
        "SELECT sha256 FROM sources ORDER BY sha256"
    )
    .fetch_all(e)
    .await)?;
    for (name,) in names {
        report.files += 1;
        if let Some(source) = fetch(db, &name).await? {
            let actual = sha256_hex(&source.bytes);
            if actual != source.sha256 {
                report.problems.push(format!(
                    "kept file {} ({}) no longer matches its hash: its bytes hash to {actual}",
                    source.sha256, source.file_name
                ));
            }
        }
    }
    let missing: Vec<(String, String, i64, String)> = on_db!(db, |e| sqlx::query_as(
        "SELECT p.title, v.id, v.seq, v.source_sha256 FROM policy_versions v \
         JOIN policies p ON p.id = v.policy_id \
         WHERE v.source_sha256 IS NOT NULL \
           AND NOT EXISTS (SELECT 1 FROM sources s WHERE s.sha256 = v.source_sha256) \
         ORDER BY p.title, v.seq",
    )
    .fetch_all(e)
    .await)?;
    for (title, id, seq, sha256) in missing {
        report.problems.push(format!(
            "version {seq} of {title} ({id}) names file {sha256}, which is not kept"
        ));
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(media_type("Policy.PDF"), "application/pdf");
        assert!(media_type("a.docx").contains("wordprocessingml"));
        assert_eq!(media_type("notes"), "application/octet-stream");
    }

    #[test]
    fn the_hash_is_lowercase_hex_of_the_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
