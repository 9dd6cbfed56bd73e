//! The clause set's data model: what the parser produces and everything else reads.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How binding a sentence is. Ordered weakest first, so `max()` gives the strongest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Describes or explains; binds nobody.
    Info,
    /// Permits something.
    May,
    /// Recommends something.
    Should,
    /// Advises against something.
    ShouldNot,
    /// Requires something.
    Must,
    /// Forbids something.
    MustNot,
}

impl Modality {
    /// True for the four modalities that place a duty on someone (must, must not, should, should not).
    pub fn is_duty(self) -> bool {
        matches!(
            self,
            Modality::Must | Modality::MustNot | Modality::Should | Modality::ShouldNot
        )
    }

    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Info => "info",
            Modality::May => "may",
            Modality::Should => "should",
            Modality::ShouldNot => "should_not",
            Modality::Must => "must",
            Modality::MustNot => "must_not",
        }
    }
}

/// Who a clause binds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Audience {
    /// Employed staff, teaching and support.
    Staff,
    /// Members of the governing body.
    Governors,
    /// Volunteers and others working unpaid.
    Volunteers,
    /// Parents and carers.
    ParentsCarers,
    /// Pupils or students.
    Pupils,
    /// The principal or headteacher.
    Headteacher,
    /// The school as an organisation.
    School,
    /// Visitors and contractors: people on site who are not the school's own.
    Visitors,
}

impl Audience {
    /// The snake_case name used in JSON and on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Staff => "staff",
            Audience::Governors => "governors",
            Audience::Volunteers => "volunteers",
            Audience::ParentsCarers => "parents_carers",
            Audience::Pupils => "pupils",
            Audience::Headteacher => "headteacher",
            Audience::School => "school",
            Audience::Visitors => "visitors",
        }
    }
}

/// One sentence of a clause with its modality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Duty {
    /// The sentence as the policy words it.
    pub text: String,
    /// How binding the sentence is.
    pub modality: Modality,
}

/// A numbered (or positioned) unit of the policy text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Clause {
    /// The document's own number in full (`3.3`, `2.3.12`), or a stable id derived from position.
    pub id: String,
    /// The heading of the section the clause sits in.
    pub section: String,
    /// The clause's full text.
    pub text: String,
    /// The strongest modality among the clause's duties.
    pub modality: Modality,
    /// The clause's sentences, each with its modality.
    pub duties: Vec<Duty>,
    /// Who the clause binds.
    pub audience: Vec<Audience>,
    /// Topic tags from `content/topics.toml`.
    pub topics: Vec<String>,
}

/// What the document says about itself: title, owner and its dates.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PolicyMeta {
    /// The policy's title ("Social Media Policy").
    pub title: String,
    /// The school or body that owns the policy, when the text names it.
    pub organisation: Option<String>,
    /// When the policy was adopted, agreed or ratified.
    pub adopted: Option<NaiveDate>,
    /// When the policy was last reviewed.
    pub last_reviewed: Option<NaiveDate>,
    /// When the policy is next due for review.
    pub next_review: Option<NaiveDate>,
    /// How often the policy is reviewed, in months.
    pub review_period_months: Option<u32>,
    /// Every date-bearing line as written, whether or not it could be read.
    pub raw_dates: Vec<String>,
}

/// A whole parsed policy: its metadata and its clauses in document order.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ClauseSet {
    /// What the document says about itself.
    pub policy: PolicyMeta,
    /// The clauses in document order.
    pub clauses: Vec<Clause>,
}
