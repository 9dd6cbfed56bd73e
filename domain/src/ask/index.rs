//! The look-up index: a policy's clauses ranked by BM25 (the `bm25` crate) over look-up
//! tokens, which fold everyday words onto the words policies use; then, within a clause, the
//! sentence that answers.

use super::words::tokens;
use crate::clauses::{Clause, ClauseSet, Modality};
use bm25::{Document, SearchEngine, SearchEngineBuilder, Tokenizer};

/// How much a clause that binds nobody counts against one that places a duty.
const INFO_WEIGHT: f32 = 0.5;
/// How much a clause that only permits counts against one that places a duty.
const MAY_WEIGHT: f32 = 0.8;
/// BM25 length normalisation, kept mild: a long clause is not less relevant for being thorough.
const B: f32 = 0.5;

/// The look-up tokenizer, handed to the BM25 engine so documents and questions meet.
#[derive(Debug, Clone, Copy, Default)]
struct LookupTokenizer;

impl Tokenizer for LookupTokenizer {
    fn tokenize(&self, input_text: &str) -> Vec<String> {
        tokens(input_text)
    }
}

/// One clause that shares words with the situation, and its answering sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Hit {
    /// Index of the clause in the set.
    pub clause: usize,
    /// Index of the answering sentence in the clause's duties.
    pub duty: usize,
    /// Relevance: BM25, weighted by strength and by how much of the situation it answers.
    pub score: f32,
    /// How many distinct words of the situation the clause holds.
    pub matched: usize,
}

/// The clauses sharing words with `situation`, best first.
pub(crate) fn search(set: &ClauseSet, situation: &str) -> Vec<Hit> {
    let mut query = tokens(situation);
    query.sort_unstable();
    query.dedup();
    // The heading and topics travel with the clause: "Mobile phones" above an entry saying
    // "not to be turned on" is what makes it answer a question about phones.
    let docs: Vec<Document<usize>> = set
        .clauses
        .iter()
        .enumerate()
        .map(|(c, clause)| {
            let text = format!(
                "{} {} {}",
                clause.text,
                clause.section,
                clause.topics.join(" ")
            );
            Document::new(c, text.replace('_', " "))
        })
        .collect();
    if docs.is_empty() || query.is_empty() {
        return Vec::new();
    }
    // How rare each word of the situation is among the policy's sentences: "promise" tells
    // more than "child" which sentence answers.
    let sentences: Vec<Vec<String>> = set
        .clauses
        .iter()
        .flat_map(|c| c.duties.iter().map(|d| tokens(&d.text)))
        .collect();
    let rarity: Vec<(String, f32)> = query
        .iter()
        .map(|q| {
            let df = sentences.iter().filter(|t| t.contains(q)).count() as f32;
            (q.clone(), 1.0 / (1.0 + df))
        })
        .collect();
    // 64-bit token hashes: the 32-bit space makes collisions between look-up words likelier.
    let engine: SearchEngine<usize, u64, LookupTokenizer> =
        SearchEngineBuilder::with_tokenizer_and_documents(LookupTokenizer, docs)
            .b(B)
            .build();
    let mut hits: Vec<Hit> = engine
        // The raw situation, not its tokens: stems do not survive being stemmed again.
        .search(situation, None)
        .into_iter()
        .filter_map(|found| {
            let c = found.document.id;
            let clause = set.clauses.get(c)?;
            let words = tokens(&found.document.contents);
            let matched = query.iter().filter(|q| words.contains(q)).count();
            let weight = match clause.modality {
                Modality::Info => INFO_WEIGHT,
                Modality::May => MAY_WEIGHT,
                _ => 1.0,
            };
            // Clauses answering more of the situation rank above ones repeating one word.
            let coordination = 0.5 + 0.5 * matched as f32 / query.len() as f32;
            let score = found.score * weight * coordination;
            (score > 0.0).then(|| Hit {
                clause: c,
                duty: answering_sentence(clause, &rarity),
                score,
                matched,
            })
        })
        .collect();
    // Best first; on a tie the earlier clause, so answers never depend on hashing order.
    hits.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.clause.cmp(&b.clause)));
    hits
}

/// The clause's sentence that answers: the one placing a duty whose shared words with the
/// situation are rarest in the policy, stronger first on a tie; the first sentence when none
/// places a duty.
fn answering_sentence(clause: &Clause, rarity: &[(String, f32)]) -> usize {
    clause
        .duties
        .iter()
        .enumerate()
        .filter(|(_, d)| d.modality != Modality::Info)
        .map(|(i, d)| {
            let words = tokens(&d.text);
            let weight: f32 = rarity
                .iter()
                .filter(|(q, _)| words.contains(q))
                .map(|(_, r)| r)
                .sum();
            (i, weight, d.modality)
        })
        // Highest weight, then strength; the first sentence on a full tie.
        .max_by(|a, b| a.1.total_cmp(&b.1).then(a.2.cmp(&b.2)).then(b.0.cmp(&a.0)))
        .map_or(0, |(i, _, _)| i)
}
