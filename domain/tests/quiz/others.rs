//! Whose code a list is, read from its lead-in as a careful person reads it, on policies
//! written the way real ones are (our own fixtures): the children's, parents', visitors' and
//! the club's own lists, a statement about an office, a contacts table and a flowchart run
//! together, and a provider writing "I" to parents are never asked as the reader's duties.

use attest_domain::clauses::{parse_text, Audience};
use attest_domain::quiz::{build_bank, Question};
use attest_domain::ClauseSet;

fn club() -> ClauseSet {
    parse_text(include_str!("../fixtures/others-codes.txt")).expect("the fixture parses")
}

fn childminder() -> ClauseSet {
    parse_text(include_str!("../fixtures/childminder-privacy.txt")).expect("the fixture parses")
}

fn questions(set: &ClauseSet) -> Vec<Question> {
    build_bank(set, 11).questions
}

/// The audience of the clause holding a duty that starts with `start`.
fn audience_of(set: &ClauseSet, start: &str) -> Vec<Audience> {
    set.clauses
        .iter()
        .find(|c| c.duties.iter().any(|d| d.text.starts_with(start)))
        .map(|c| c.audience.clone())
        .unwrap_or_else(|| panic!("no duty starts {start:?}"))
}

#[test]
fn a_lead_in_names_whose_list_it_is_whatever_its_verb() {
    let set = club();
    assert_eq!(audience_of(&set, "play fairly"), vec![Audience::Pupils]);
    assert_eq!(
        audience_of(&set, "collect your child"),
        vec![Audience::ParentsCarers]
    );
    assert_eq!(audience_of(&set, "sign in at"), vec![Audience::Visitors]);
    assert_eq!(
        audience_of(&set, "provide a first aid"),
        vec![Audience::School]
    );
    assert!(audience_of(&set, "keep a register").contains(&Audience::Staff));
}

#[test]
fn no_question_asks_someone_elses_list_a_statement_or_a_table_of_the_reader() {
    let set = club();
    let asked = questions(&set);
    assert!(!asked.is_empty());
    for q in &asked {
        for theirs in [
            "play fairly",
            "tell a coach",
            "wear the correct kit",
            "collect your child",
            "encourage your child",
            "stay off the court",
            "sign in at",
            "visitor badge",
            "member of the committee",
            "first aid kit",
            "emergency contact details",
            "responsible for updating",
            "07700",
            "immediate danger",
        ] {
            assert!(
                !q.explanation.contains(theirs),
                "{} is decided by {theirs:?}: {}",
                q.id,
                q.explanation
            );
        }
        for o in &q.options {
            assert!(!o.contains("must our") && !o.contains("must dana"), "{o}");
        }
    }
    // The reader's own rule is still asked where it names its moment, and the reader's own
    // list, whose entries name none, is still read as the reader's.
    assert!(
        asked
            .iter()
            .any(|q| q.explanation.contains("promise a child")),
        "nothing asks the rule on secrets"
    );
    for ours in ["put the welfare", "keep a register"] {
        assert!(
            audience_of(&set, ours).contains(&Audience::Staff),
            "{ours:?} is not the reader's"
        );
    }
}

#[test]
fn tables_and_flowcharts_run_together_are_not_duties() {
    let set = club();
    for clause in set
        .clauses
        .iter()
        .filter(|c| c.section.contains("contacts") || c.section.contains("worried"))
    {
        assert!(
            clause.duties.iter().all(|d| !d.modality.is_duty()),
            "{}: {:?}",
            clause.id,
            clause.duties
        );
    }
}

#[test]
fn a_providers_i_is_not_the_reader_but_the_assistants_duties_are() {
    let set = childminder();
    let asked = questions(&set);
    for q in &asked {
        assert!(
            !q.explanation.contains("“I "),
            "{} asks the provider's own step: {}",
            q.id,
            q.explanation
        );
        assert!(
            q.options.iter().all(|o| !o.contains(" I ")),
            "{}: {:?}",
            q.id,
            q.options
        );
    }
    assert!(
        asked
            .iter()
            .any(|q| q.explanation.contains("My assistant must")),
        "the assistant's duties are asked: {asked:#?}"
    );
    let provider = set
        .clauses
        .iter()
        .find(|c| c.text.starts_with("I will keep your child"))
        .expect("clause 2.1");
    assert_eq!(provider.audience, vec![Audience::School]);
}

#[test]
fn an_i_that_signs_an_agreement_is_still_the_reader() {
    let set = parse_text(
        "Staff acceptable use agreement\n\n1. I will keep my password private.\n2. I will report any concern about a pupil to the DSL.\n\nI agree to follow this agreement when I use school systems.\n",
    )
    .expect("parses");
    let first = set
        .clauses
        .iter()
        .find(|c| c.text.starts_with("I will keep"))
        .expect("clause 1");
    assert_eq!(first.audience, vec![Audience::Staff]);
}

#[test]
fn a_named_office_holds_its_own_steps_and_someone_told_is_not_the_one_who_acts() {
    let asked = questions(&club());
    for q in &asked {
        // The duty contact's log and the Welfare Officer's induction are theirs: asked, if at
        // all, as whose step they are, never as the reader's.
        if q.explanation.contains("incident log") || q.explanation.contains("responsibility of") {
            assert!(
                q.stem.contains("who has to do it"),
                "{} asks an office's step of the reader: {}",
                q.id,
                q.stem
            );
        }
    }
    let whose = asked
        .iter()
        .find(|q| q.explanation.contains("incident log"))
        .expect("the duty contact's step is asked as whose it is");
    assert!(whose.options[whose.answer].contains("the duty contact should"));
    // "must be told": the reader tells; the Welfare Officer is not asked to tell themself.
    assert!(asked
        .iter()
        .filter(|q| q.explanation.contains("must be told"))
        .all(|q| !q.stem.contains("who has to do it")));
}

#[test]
fn a_rule_about_taking_photographs_decides_no_situation_about_numbers_messages_or_posting() {
    let asked = questions(&childminder());
    for q in asked
        .iter()
        .filter(|q| q.explanation.contains("take photographs"))
    {
        assert!(
            !q.id.starts_with("pupil_asks_for_number")
                && !q.id.starts_with("personal_email_contact")
                && !q.id.starts_with("class_photo_personal"),
            "{} is decided by a rule it only shares words with: {}",
            q.id,
            q.explanation
        );
    }
    assert!(
        asked
            .iter()
            .any(|q| q.id.starts_with("photo_on_personal_phone")),
        "the rule still decides taking a photo on your own phone"
    );
}

#[test]
fn a_notice_to_the_people_whose_data_it_holds_speaks_as_the_provider() {
    // No "your child" and no "I am the data controller": "you have the right" and "your
    // personal data" alone say whom the notice addresses, so its "I" is the provider.
    let set = parse_text(
        "Privacy notice\n\n1. How I use information\nI will process any personal data in line with the law.\nI will be accountable for the data I hold.\n\n2. Your rights\nYou have the right to see the personal data I hold about you.\n",
    )
    .expect("parses");
    let asked: Vec<String> = questions(&set).into_iter().map(|q| q.stem).collect();
    assert!(
        asked
            .iter()
            .all(|s| !s.contains("process") && !s.contains("accountable")),
        "{asked:?}"
    );
}
