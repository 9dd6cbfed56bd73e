//! Trust model policies as the API shows them: a trust's models, which schools follow each, and a
//! school's local amendments diffed against the model.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use super::NamedRef;
use crate::diff::PolicyDiff;

/// `GET /api/trusts/{id}/models`: the trust's model policies and its drafts of them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrustModels {
    /// The trust's id.
    pub trust_id: String,
    /// Its name.
    pub trust_name: String,
    /// Its schools, by name (those a model can be published to).
    pub schools: Vec<NamedRef>,
    /// Its model policies, by title.
    pub models: Vec<ModelPolicy>,
    /// Uploads not yet published, newest first.
    pub drafts: Vec<ModelDraftSummary>,
}

/// One model policy of a trust.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelPolicy {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// How many versions the trust has published.
    pub versions: u32,
    /// When the latest was published.
    pub published_at: DateTime<Utc>,
    /// The schools that follow it.
    pub schools: Vec<ModelSchool>,
}

/// One school's copy of a model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelSchool {
    /// The school.
    pub school_id: String,
    /// Its name.
    pub school_name: String,
    /// Its policy (none until a version is published there).
    pub policy_id: Option<String>,
    /// Whether its published copy is of the model's latest version.
    pub follows_latest: bool,
    /// How many of its duties differ from the model (its local amendments).
    pub amendments: u32,
    /// A copy waiting for the school's review, if one is.
    pub waiting_draft_id: Option<String>,
}

/// A trust's upload not yet published.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ModelDraftSummary {
    /// The draft's id.
    pub id: String,
    /// The uploaded file's name.
    pub file_name: String,
    /// The model it is a new version of, if any.
    pub model_id: Option<String>,
    /// When it was uploaded.
    pub created_at: DateTime<Utc>,
}

/// `GET /api/policies/{id}/amendments`: how a school's copy differs from its trust's model.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyAmendments {
    /// The school's policy.
    pub policy_id: String,
    /// Its title.
    pub title: String,
    /// The school.
    pub school_id: String,
    /// The model it follows.
    pub model_id: String,
    /// The model's title.
    pub model_title: String,
    /// The model version the school's copy was made from (1 = the first).
    pub model_version: u32,
    /// The model's latest version.
    pub latest_model_version: u32,
    /// From the model (old) to the school's copy (new): its local amendments, duty by duty.
    pub amendments: PolicyDiff,
    /// A copy waiting for the school's review, if one is.
    pub waiting_draft_id: Option<String>,
}
