//! The audit log as the API shows it: who changed what, when and from where.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// What a manager or administrator did. Stored by its snake_case name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AuditAction {
    /// Added a person to a school.
    PersonAdded,
    /// Asked someone with an account elsewhere to join a school.
    PersonInvited,
    /// Changed a person's details, groups, start date or leaving.
    PersonEdited,
    /// Imported a staff list.
    PeopleImported,
    /// Published a new policy.
    PolicyPublished,
    /// Published a new version of a policy.
    VersionPublished,
    /// Added a school holiday.
    HolidayAdded,
    /// Removed a school holiday.
    HolidayRemoved,
    /// Sent reminders by hand.
    RemindersSent,
    /// Downloaded evidence, a matrix, attestations or someone's personal data.
    Exported,
    /// Paused a person's training for a period.
    TrainingPaused,
    /// Ended a pause of a person's training.
    PauseEnded,
    /// Recorded a signature given on paper.
    PaperSignatureRecorded,
    /// Uploaded a policy for review.
    DraftUploaded,
    /// Looked at, corrected, split or joined a clause under review.
    ClauseReviewed,
    /// Approved, edited, retired or wrote a question under review.
    QuestionReviewed,
    /// Changed a policy's quiz or deadline settings.
    PolicySettingsChanged,
    /// Set up two-factor sign-in for themselves.
    TwoFactorEnrolled,
    /// Turned off their own two-factor sign-in.
    TwoFactorDisabled,
    /// Signed in with one of their recovery codes.
    RecoveryCodeUsed,
    /// Changed whether a school or trust requires two-factor sign-in of its managers.
    TwoFactorRuleChanged,
    /// Changed how a school or trust signs in through its own directory.
    DirectoryChanged,
    /// Made someone a school manager, trust manager or administrator.
    RoleGranted,
    /// Took a managing role away.
    RoleRevoked,
    /// Published a version of a trust's model policy to its schools.
    ModelPublished,
    /// Set up Attest, or created, renamed or closed a school or trust.
    OrganisationChanged,
}

impl AuditAction {
    /// Every action, in the order a filter lists them.
    pub const ALL: [AuditAction; 26] = [
        AuditAction::PersonAdded,
        AuditAction::PersonInvited,
        AuditAction::PersonEdited,
        AuditAction::PeopleImported,
        AuditAction::PolicyPublished,
        AuditAction::VersionPublished,
        AuditAction::HolidayAdded,
        AuditAction::HolidayRemoved,
        AuditAction::RemindersSent,
        AuditAction::Exported,
        AuditAction::TrainingPaused,
        AuditAction::PauseEnded,
        AuditAction::PaperSignatureRecorded,
        AuditAction::DraftUploaded,
        AuditAction::ClauseReviewed,
        AuditAction::QuestionReviewed,
        AuditAction::PolicySettingsChanged,
        AuditAction::TwoFactorEnrolled,
        AuditAction::TwoFactorDisabled,
        AuditAction::RecoveryCodeUsed,
        AuditAction::TwoFactorRuleChanged,
        AuditAction::DirectoryChanged,
        AuditAction::RoleGranted,
        AuditAction::RoleRevoked,
        AuditAction::ModelPublished,
        AuditAction::OrganisationChanged,
    ];

    /// The stored and query-string name.
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::PersonAdded => "person_added",
            AuditAction::PersonInvited => "person_invited",
            AuditAction::PersonEdited => "person_edited",
            AuditAction::PeopleImported => "people_imported",
            AuditAction::PolicyPublished => "policy_published",
            AuditAction::VersionPublished => "version_published",
            AuditAction::HolidayAdded => "holiday_added",
            AuditAction::HolidayRemoved => "holiday_removed",
            AuditAction::RemindersSent => "reminders_sent",
            AuditAction::Exported => "exported",
            AuditAction::TrainingPaused => "training_paused",
            AuditAction::PauseEnded => "pause_ended",
            AuditAction::PaperSignatureRecorded => "paper_signature_recorded",
            AuditAction::DraftUploaded => "draft_uploaded",
            AuditAction::ClauseReviewed => "clause_reviewed",
            AuditAction::QuestionReviewed => "question_reviewed",
            AuditAction::PolicySettingsChanged => "policy_settings_changed",
            AuditAction::TwoFactorEnrolled => "two_factor_enrolled",
            AuditAction::TwoFactorDisabled => "two_factor_disabled",
            AuditAction::RecoveryCodeUsed => "recovery_code_used",
            AuditAction::TwoFactorRuleChanged => "two_factor_rule_changed",
            AuditAction::DirectoryChanged => "directory_changed",
            AuditAction::RoleGranted => "role_granted",
            AuditAction::RoleRevoked => "role_revoked",
            AuditAction::ModelPublished => "model_published",
            AuditAction::OrganisationChanged => "organisation_changed",
        }
    }

    /// The action read back from its stored name.
    pub fn parse(name: &str) -> Option<AuditAction> {
        AuditAction::ALL.into_iter().find(|a| a.as_str() == name)
    }

    /// How a page names it ("Added a person").
    pub fn label(self) -> &'static str {
        match self {
            AuditAction::PersonAdded => "Added a person",
            AuditAction::PersonInvited => "Invited a person",
            AuditAction::PersonEdited => "Changed a person",
            AuditAction::PeopleImported => "Imported staff",
            AuditAction::PolicyPublished => "Published a policy",
            AuditAction::VersionPublished => "Published a new version",
            AuditAction::HolidayAdded => "Added a holiday",
            AuditAction::HolidayRemoved => "Removed a holiday",
            AuditAction::RemindersSent => "Sent reminders",
            AuditAction::Exported => "Downloaded an export",
            AuditAction::TrainingPaused => "Paused someone's training",
            AuditAction::PauseEnded => "Ended a pause",
            AuditAction::PaperSignatureRecorded => "Recorded a paper signature",
            AuditAction::DraftUploaded => "Uploaded a policy for review",
            AuditAction::ClauseReviewed => "Reviewed a clause",
            AuditAction::QuestionReviewed => "Reviewed a question",
            AuditAction::PolicySettingsChanged => "Changed a policy's settings",
            AuditAction::TwoFactorEnrolled => "Set up two-factor sign-in",
            AuditAction::TwoFactorDisabled => "Turned off two-factor sign-in",
            AuditAction::RecoveryCodeUsed => "Used a recovery code",
            AuditAction::TwoFactorRuleChanged => "Changed the two-factor rule",
            AuditAction::DirectoryChanged => "Changed directory sign-in",
            AuditAction::RoleGranted => "Gave a role",
            AuditAction::RoleRevoked => "Took a role away",
            AuditAction::ModelPublished => "Published a model policy",
            AuditAction::OrganisationChanged => "Changed schools or trusts",
        }
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who did it (their current name: a leaver's is anonymised with them).
    pub actor_name: String,
    /// What they did.
    pub action: AuditAction,
    /// The school it concerned, if one.
    pub school_name: Option<String>,
    /// The person or policy it concerned, by its current name, if one.
    pub target_name: Option<String>,
    /// What changed, in words ("groups, start date"; "version 2"; "evidence PDF").
    pub detail: String,
    /// The address it came from.
    pub client: String,
}

/// `GET /api/schools/{id}/audit` and `/api/trusts/{id}/audit`: which lines to show.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams, utoipa::ToSchema))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct AuditFilter {
    /// Only this action (its snake_case name).
    pub action: Option<AuditAction>,
    /// From this day (inclusive).
    pub from: Option<NaiveDate>,
    /// Up to this day (inclusive).
    pub to: Option<NaiveDate>,
}
