//! The managers' area: one function per endpoint.

use attest_domain::api::{
    Dashboard, EvidenceReport, ImportColumns, ImportReport, ManageScope, Matrix, MatrixQuery,
    PauseInput, PersonDetail, PersonInput, PolicyInsight, PolicySettings, PolicySummary,
    TrustComparison, TrustEvidenceReport,
};

use super::requests::{self, ApiFailure, UploadProgress};

/// Which level a page is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    /// One school.
    School,
    /// A trust's schools.
    Trust,
}

impl Level {
    /// The API path segment.
    pub fn segment(self) -> &'static str {
        match self {
            Level::School => "schools",
            Level::Trust => "trusts",
        }
    }
}

/// Encodes a query value.
pub fn encode(value: &str) -> String {
    String::from(js_sys::encode_uri_component(value))
}

/// What the signed-in manager manages.
pub async fn scope() -> Result<ManageScope, ApiFailure> {
    requests::get("/api/manage").await
}

/// A school's or trust's dashboard.
pub async fn dashboard(level: Level, id: &str) -> Result<Dashboard, ApiFailure> {
    requests::get(&format!("/api/{}/{id}/dashboard", level.segment())).await
}

/// The query string of a matrix request (also used for the CSV link).
pub fn matrix_query(q: &MatrixQuery) -> String {
    query_string([
        ("group", q.group.clone()),
        (
            "status",
            q.status
                .and_then(|s| serde_json::to_value(s).ok())
                .and_then(|v| v.as_str().map(str::to_string)),
        ),
        ("q", q.q.clone()),
        ("sort", q.sort.clone()),
        ("page", q.page.map(|p| p.to_string())),
        ("per_page", q.per_page.map(|p| p.to_string())),
        ("school", q.school.clone()),
    ])
}

/// `key=value` pairs joined by `&`, values encoded, empty and missing ones left out.
pub fn query_string<const N: usize>(pairs: [(&str, Option<String>); N]) -> String {
    pairs
        .into_iter()
        .filter_map(|(k, v)| {
            v.filter(|v| !v.is_empty())
                .map(|v| format!("{k}={}", encode(&v)))
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// One page of the matrix.
pub async fn matrix(level: Level, id: &str, q: &MatrixQuery) -> Result<Matrix, ApiFailure> {
    requests::get(&format!(
        "/api/{}/{id}/matrix?{}",
        level.segment(),
        matrix_query(q)
    ))
    .await
}

/// A person's page.
pub async fn person(id: &str) -> Result<PersonDetail, ApiFailure> {
    requests::get(&format!("/api/people/{id}")).await
}

/// How a staff file is sent: a preview or the import, with leavers and the chosen columns.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ImportRequest {
    /// Only preview.
    pub dry_run: bool,
    /// Mark staff missing from the file as leavers.
    pub deactivate_missing: bool,
    /// The preview's confirmation of exactly those leavers.
    pub confirm_leavers: Option<String>,
    /// The columns chosen (none before the first preview: the server guesses).
    pub columns: Option<ImportColumns>,
}

impl ImportRequest {
    fn query(&self) -> String {
        let mut q = format!(
            "dry_run={}&deactivate_missing={}",
            self.dry_run, self.deactivate_missing
        );
        if let Some(token) = &self.confirm_leavers {
            q.push_str(&format!("&confirm_leavers={}", encode(token)));
        }
        if let Some(c) = &self.columns {
            let fields = [
                ("name", &c.name),
                ("first_name", &c.first_name),
                ("last_name", &c.last_name),
                ("email", &c.email),
                ("groups", &c.groups),
                ("start_date", &c.start_date),
                ("school", &c.school),
            ];
            for (key, heading) in fields {
                let heading = heading.as_deref().unwrap_or("");
                q.push_str(&format!("&{key}={}", encode(heading)));
            }
        }
        q
    }
}

/// Previews or applies a staff file's import, reporting the upload's progress.
pub async fn import(
    school_id: &str,
    file: &[u8],
    request: &ImportRequest,
    on_progress: impl Fn(UploadProgress) + 'static,
) -> Result<ImportReport, ApiFailure> {
    requests::post_bytes_with_progress(
        &format!("/api/schools/{school_id}/people/import?{}", request.query()),
        "text/csv",
        file,
        on_progress,
    )
    .await
}

/// What adding a person did.
#[derive(Debug, Clone, PartialEq, serde::Deserialize)]
#[serde(untagged)]
pub enum Added {
    /// They are a member of the school.
    Member(PersonDetail),
    /// They have an account through another school and were asked to confirm (the message says so).
    Invited(attest_domain::api::Accepted),
}

/// Adds one person to a school.
pub async fn create_person(school_id: &str, input: &PersonInput) -> Result<Added, ApiFailure> {
    requests::post(&format!("/api/schools/{school_id}/people"), input).await
}

/// Edits a person's details at one school.
pub async fn update_person(
    person_id: &str,
    input: &PersonInput,
) -> Result<PersonDetail, ApiFailure> {
    requests::put(&format!("/api/people/{person_id}"), input).await
}

/// Pauses someone's training at one school.
pub async fn pause_training(
    person_id: &str,
    input: &PauseInput,
) -> Result<PersonDetail, ApiFailure> {
    requests::put(&format!("/api/people/{person_id}/pause"), input).await
}

/// Ends the pause of someone's training at a school, then reads them again.
pub async fn end_pause(person_id: &str, school_id: &str) -> Result<PersonDetail, ApiFailure> {
    requests::delete(&format!(
        "/api/people/{person_id}/pause?school_id={school_id}"
    ))
    .await?;
    person(person_id).await
}

/// A school's policies.
pub async fn policies(school_id: &str) -> Result<Vec<PolicySummary>, ApiFailure> {
    requests::get(&format!("/api/schools/{school_id}/policies")).await
}

/// A policy's settings.
pub async fn policy_settings(policy_id: &str) -> Result<PolicySettings, ApiFailure> {
    requests::get(&format!("/api/policies/{policy_id}/settings")).await
}

/// Saves a policy's settings.
pub async fn save_policy_settings(
    policy_id: &str,
    settings: &PolicySettings,
) -> Result<PolicySettings, ApiFailure> {
    requests::put(&format!("/api/policies/{policy_id}/settings"), settings).await
}

/// The clauses most often answered wrongly.
pub async fn insight(policy_id: &str) -> Result<PolicyInsight, ApiFailure> {
    requests::get(&format!("/api/policies/{policy_id}/insight")).await
}

/// The trust's topic comparison.
pub async fn compare(trust_id: &str) -> Result<TrustComparison, ApiFailure> {
    requests::get(&format!("/api/trusts/{trust_id}/compare")).await
}

/// The evidence report as at a day (`None`: today).
pub async fn evidence(school_id: &str, as_at: Option<&str>) -> Result<EvidenceReport, ApiFailure> {
    let q = as_at
        .map(|d| format!("?as_at={}", encode(d)))
        .unwrap_or_default();
    requests::get(&format!("/api/schools/{school_id}/evidence{q}")).await
}

/// A trust's evidence report (all its schools) as at a day (`None`: today).
pub async fn trust_evidence(
    trust_id: &str,
    as_at: Option<&str>,
) -> Result<TrustEvidenceReport, ApiFailure> {
    let q = as_at
        .map(|d| format!("?as_at={}", encode(d)))
        .unwrap_or_default();
    requests::get(&format!("/api/trusts/{trust_id}/evidence{q}")).await
}

/// The first file chosen in a file input: its name and bytes.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Option<(String, Vec<u8>)> {
    let file = input.files()?.get(0)?;
    let buffer = wasm_bindgen_futures::JsFuture::from(file.array_buffer())
        .await
        .ok()?;
    Some((file.name(), js_sys::Uint8Array::new(&buffer).to_vec()))
}
