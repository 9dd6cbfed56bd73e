//! Whose duty a question asks: on a club policy written the way real ones are (our own
//! fixture), the parents' and players' codes, the law's principles and the club's own steps
//! are never asked as the reader's, and the reader's own duties are.

use attest_domain::clauses::{parse_text, Modality};
use attest_domain::quiz::{build_bank, Question};
use attest_domain::ClauseSet;

fn club() -> ClauseSet {
    parse_text(include_str!("../fixtures/club-codes.txt")).expect("the fixture parses")
}

fn questions() -> Vec<Question> {
    build_bank(&club(), 7).questions
}

/// The section a question's deciding clause sits in.
fn section_of(set: &ClauseSet, q: &Question) -> String {
    set.clauses
        .iter()
        .find(|c| c.id == q.clause_ids[0])
        .map(|c| c.section.to_lowercase())
        .unwrap_or_default()
}

#[test]
fn the_parents_and_players_codes_are_not_asked_of_staff() {
    let set = club();
    for q in questions() {
        let section = section_of(&set, &q);
        assert!(
            !section.contains("parents") && !section.contains("players"),
            "{} asks {section:?} of the reader: {}",
            q.id,
            q.stem
        );
    }
}

#[test]
fn the_laws_principles_and_the_clubs_own_steps_are_not_duties_of_the_reader() {
    // A situation may be decided by a principle ("you need a lawful reason"); a duty question
    // asks the principle itself as something someone does.
    for q in questions()
        .into_iter()
        .filter(|q| q.id.starts_with("duty:"))
    {
        assert!(
            !q.explanation.contains("processed lawfully")
                && !q.explanation.contains("explicit and legitimate")
                && !q.explanation.contains("report a serious data breach"),
            "{}: {}",
            q.id,
            q.explanation
        );
    }
}

#[test]
fn the_readers_own_duties_are_asked_including_how_to_raise_a_concern() {
    let set = club();
    let asked: Vec<String> = questions().iter().map(|q| section_of(&set, q)).collect();
    for section in [
        "coaches and volunteers",
        "raising a concern",
        "data protection",
    ] {
        assert!(
            asked.iter().any(|s| s.contains(section)),
            "nothing asked from {section:?}: {asked:?}"
        );
    }
}

#[test]
fn an_entry_under_i_agree_to_is_a_commitment() {
    let set = club();
    let duty = set
        .clauses
        .iter()
        .flat_map(|c| &c.duties)
        .find(|d| d.text.contains("avoid posting photographs"))
        .expect("the entry is read");
    assert_eq!(duty.modality, Modality::MustNot);
}

#[test]
fn each_list_keeps_its_own_lead_and_each_action_its_own_strength() {
    let right: Vec<String> = questions()
        .iter()
        .map(|q| q.options[q.answer].clone())
        .collect();
    // "Coaches and volunteers must not:" follows an entry with no full stop.
    let set = club();
    let shared = set
        .clauses
        .iter()
        .flat_map(|c| &c.duties)
        .find(|d| d.text.contains("share personal contact details"))
        .expect("the entry is read");
    assert_eq!(shared.modality, Modality::MustNot);
    // "must keep registers … and must not take them home" is never "must not keep".
    assert!(
        right.iter().all(|o| !o.contains("must not keep registers")),
        "{right:#?}"
    );
}
