//! Concerns about adults: a low-level concern is shared however small, staff report their own
//! conduct that could be misread, and a whistleblowing concern about the usual contact goes to
//! the person named for that case. Each is asked only where the reader's own rule decides it.
//! The fixtures are written here, in the way real policies are written.

use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, Question};

fn bank(text: &str) -> Vec<Question> {
    let set = parse_text(text).expect("the fixture parses");
    build_bank(&set, 7).questions
}

fn asked<'a>(questions: &'a [Question], scenario: &str) -> Option<&'a Question> {
    questions
        .iter()
        .find(|q| q.id.starts_with(&format!("{scenario}:")))
}

fn right(q: &Question) -> &str {
    &q.options[q.answer]
}

const LOW_LEVEL: &str = "Low-Level Concerns Policy\n\n\
3. Sharing concerns\n\
3.1 Staff must share any low-level concern about another adult with the headteacher on the same day.\n\
3.2 Staff should self-report to the headteacher if they find themselves in a situation that could be misread.\n\
3.3 The headteacher will record every low-level concern and keep the record securely.\n";

#[test]
fn a_low_level_concern_and_a_self_report_are_asked_from_the_readers_rules() {
    let questions = bank(LOW_LEVEL);
    let share = asked(&questions, "low_level_concern_share").expect("the sharing rule decides");
    assert!(share.explanation.contains("3.1"), "{share:#?}");
    assert!(right(share).starts_with("Share it"), "{share:#?}");
    assert!(right(share).contains("requires it"), "{share:#?}");
    let own = asked(&questions, "low_level_self_report").expect("the self-report rule decides");
    assert!(own.explanation.contains("3.2"), "{own:#?}");
    assert!(right(own).contains("advises it"), "{own:#?}");
}

const ONLY_OTHERS: &str = "Low-Level Concerns Policy\n\n\
3. Sharing concerns\n\
3.1 The headteacher will record every low-level concern and keep the record securely.\n\
3.2 A low-level concern is any concern that an adult has acted in a way that is not consistent with the code of conduct.\n";

#[test]
fn a_definition_or_the_heads_own_step_asks_nothing() {
    let questions = bank(ONLY_OTHERS);
    assert!(
        asked(&questions, "low_level_concern_share").is_none(),
        "{questions:#?}"
    );
    assert!(
        asked(&questions, "low_level_self_report").is_none(),
        "{questions:#?}"
    );
}

const WHISTLEBLOWING: &str = "Whistleblowing Policy\n\n\
4. Raising a concern\n\
4.1 Staff should raise a concern about malpractice with their line manager.\n\
4.2 If the concern relates to the line manager, staff should raise it with the chair of the trust board.\n";

#[test]
fn a_concern_about_the_usual_contact_goes_to_the_person_named() {
    let questions = bank(WHISTLEBLOWING);
    let q = asked(&questions, "whistleblow_route_bypassed").expect("4.2 decides");
    assert!(q.explanation.contains("4.2"), "{q:#?}");
    assert!(
        right(q).starts_with("The person the policy names"),
        "{q:#?}"
    );
}

const ENTITLED: &str = "Whistleblowing Policy\n\n\
3. Your rights\n\
3.1 Staff are entitled to seek advice from their trade union before they raise a concern.\n";

const OTHERS_ENTITLED: &str = "Whistleblowing Policy\n\n\
3. Rights\n\
3.1 Governors are entitled to seek advice from a trade union or lawyer before they hear a concern.\n";

#[test]
fn an_entitlement_given_to_staff_is_a_permission_and_anothers_is_not() {
    let questions = bank(ENTITLED);
    let q = asked(&questions, "whistleblow_advice").expect("3.1 decides");
    assert!(right(q).starts_with("Seek the advice"), "{q:#?}");
    let questions = bank(OTHERS_ENTITLED);
    assert!(
        asked(&questions, "whistleblow_advice").is_none(),
        "{questions:#?}"
    );
}

const ANSWERABLE: &str = "Safeguarding Policy\n\n\
5. Reporting a concern\n\
5.1 Anyone who is told of or notices a concern about a child's welfare is responsible for following this procedure. They should inform the club welfare officer the same day.\n";

const ADVISED: &str = "Safeguarding Policy\n\n\
5. Reporting a concern\n\
5.1 Staff should inform the club welfare officer of any concern about a child's welfare the same day.\n";

#[test]
fn a_step_of_a_procedure_the_reader_answers_for_is_required() {
    let questions = bank(ANSWERABLE);
    let q = asked(&questions, "disclosure_report_who").expect("5.1 decides");
    assert!(right(q).contains("requires it"), "{q:#?}");
    assert!(
        q.explanation.contains("responsible for following"),
        "{q:#?}"
    );
    // Without the responsibility, the same step is advice.
    let questions = bank(ADVISED);
    let q = asked(&questions, "disclosure_report_who").expect("5.1 decides");
    assert!(right(q).contains("advises it"), "{q:#?}");
}
