//! Scenario quizzes generated from a clause set: the question bank, its coverage and attempts.

mod condition;
mod coverage;
mod draw;
mod duty;
mod governs;
pub(crate) mod holders;
mod moment;
mod openers;
mod others;
pub(crate) mod parsed;
mod passive;
mod person;
mod relative;
mod report;
mod responsible;
mod retake;
mod rng;
mod scenario;
mod sentence;
mod setting;
mod stem_check;
mod stems;
mod templates;
mod text;

pub use coverage::{coverage, Coverage};
pub use draw::{draw_attempt, DEFAULT_ATTEMPT_SIZE};
pub use retake::draw_retake;
pub use setting::Setting;
pub use text::shares_run;

use crate::clauses::{ClauseSet, Modality};
use rng::SplitMix64;
use serde::{Deserialize, Serialize};

/// What the deciding clause makes of the situation in a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// The policy requires it (must).
    Required,
    /// The policy forbids it (must not).
    Prohibited,
    /// The policy recommends it (should).
    Recommended,
    /// The policy advises against it (should not).
    Discouraged,
    /// The policy allows it (may).
    Permitted,
}

impl Verdict {
    /// The verdict a duty of this modality gives about its own action; none for information.
    pub fn from_modality(modality: Modality) -> Option<Verdict> {
        match modality {
            Modality::Must => Some(Verdict::Required),
            Modality::MustNot => Some(Verdict::Prohibited),
            Modality::Should => Some(Verdict::Recommended),
            Modality::ShouldNot => Some(Verdict::Discouraged),
            Modality::May => Some(Verdict::Permitted),
            Modality::Info => None,
        }
    }

    /// True when a clause of this modality binds as strongly as the verdict says.
    ///
    /// A scenario may ask about the opposite action ("must decline" makes accepting
    /// prohibited), so agreement is on strength: binding, advisory or permissive.
    pub fn agrees_with(self, modality: Modality) -> bool {
        match self {
            Verdict::Required | Verdict::Prohibited => {
                matches!(modality, Modality::Must | Modality::MustNot)
            }
            Verdict::Recommended | Verdict::Discouraged => {
                matches!(modality, Modality::Should | Modality::ShouldNot)
            }
            Verdict::Permitted => modality == Modality::May,
        }
    }

    /// The snake_case name used in JSON and in `content/scenarios/*.toml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Required => "required",
            Verdict::Prohibited => "prohibited",
            Verdict::Recommended => "recommended",
            Verdict::Discouraged => "discouraged",
            Verdict::Permitted => "permitted",
        }
    }

    /// The verdict with this snake_case name.
    pub fn from_name(name: &str) -> Option<Verdict> {
        [
            Verdict::Required,
            Verdict::Prohibited,
            Verdict::Recommended,
            Verdict::Discouraged,
            Verdict::Permitted,
        ]
        .into_iter()
        .find(|v| v.as_str() == name)
    }
}

/// One multiple-choice question about a situation, decided by the school's own clause.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Question {
    /// Stable id: the template (or `duty`) and the deciding clause.
    pub id: String,
    /// The clauses the question tests; the first decides it.
    pub clause_ids: Vec<String>,
    /// The section of the deciding clause, used to spread attempts over the policy.
    #[serde(default)]
    pub section: String,
    /// The situation and the question, in the second person.
    pub stem: String,
    /// Three or four options; exactly one is right.
    pub options: Vec<String>,
    /// Index of the right option.
    pub answer: usize,
    /// Why: the deciding clause quoted with its number.
    pub explanation: String,
    /// What the deciding clause makes of the situation.
    pub verdict: Verdict,
}

/// Every question generated from one policy version.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QuestionBank {
    /// Scenario questions first, then questions built from duties no scenario fits.
    pub questions: Vec<Question>,
}

/// Builds the question bank for a clause set; the same set and seed give the same bank.
pub fn build_bank(set: &ClauseSet, seed: u64) -> QuestionBank {
    let mut questions = scenario::scenario_questions(set);
    let covered = coverage::covered_duties(set, &questions);
    questions.extend(duty::duty_questions(set, &covered, seed));
    for q in &mut questions {
        let mut rng = SplitMix64::keyed(seed, &q.id);
        shuffle_options(q, &mut rng);
    }
    QuestionBank { questions }
}

/// Shuffles a question's options, keeping `answer` on the right one.
pub(crate) fn shuffle_options(q: &mut Question, rng: &mut SplitMix64) {
    let mut order: Vec<usize> = (0..q.options.len()).collect();
    rng.shuffle(&mut order);
    let options = order.iter().map(|&i| q.options[i].clone()).collect();
    q.answer = order.iter().position(|&i| i == q.answer).unwrap_or(0);
    q.options = options;
}

/// The explanation every question carries: the deciding sentence, quoted with its clause number.
pub(crate) fn explanation(clause_id: &str, quote: &str, conclusion: &str) -> String {
    format!("Clause {clause_id} decides this: “{quote}”. {conclusion}")
}
