//! Which sentence may decide a question: the reader's own rule, written as one sentence, about
//! the situation's own action. Text run together from a table or flowchart, a definition, a rule
//! about something else and a step of someone else's decide nothing, so the question is left
//! unasked rather than given a wrong right answer. The fixtures are written here, in the way
//! real policies are written.

use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, Question};

fn bank(text: &str) -> Vec<Question> {
    let set = parse_text(text).expect("the fixture parses");
    build_bank(&set, 7).questions
}

/// True when some question rests on a clause whose quoted sentence contains `words`.
fn decided_by(questions: &[Question], words: &str) -> bool {
    questions.iter().any(|q| q.explanation.contains(words))
}

fn asks(questions: &[Question], scenario: &str) -> bool {
    questions
        .iter()
        .any(|q| q.id.starts_with(&format!("{scenario}:")))
}

const SAFEGUARDING: &str = "Safeguarding Policy\n\n\
2. Definitions\n\
2.1 An adult at risk is someone who may be unable to protect themselves from abuse, harm or mockery and who may need support to report it.\n\n\
3. Reporting\n\
3.1 If the child is not in immediate danger Any concerns must be reported to the designated safeguarding lead the same day.\n\
3.2 If you are worried about a child's welfare, you must tell the designated safeguarding lead the same day.\n";

#[test]
fn a_definition_and_text_run_together_decide_nothing() {
    let questions = bank(SAFEGUARDING);
    assert!(
        !decided_by(&questions, "adult at risk is someone"),
        "{questions:#?}"
    );
    assert!(
        !decided_by(&questions, "danger Any concerns"),
        "{questions:#?}"
    );
    assert!(
        decided_by(&questions, "you must tell the designated safeguarding lead"),
        "the plain rule still decides: {questions:#?}"
    );
}

const REPUTATION: &str = "Social Media Policy\n\n\
4. Conduct online\n\
4.1 Staff must not post anything online that could bring the school into disrepute.\n\
4.2 Staff must keep the contact details of parents private and confidential.\n";

const CRITICISM: &str = "Social Media Policy\n\n\
4. Conduct online\n\
4.1 Staff must not use social media to criticise the school, its staff or its decisions.\n\
4.2 Staff must set the privacy settings on their personal accounts to the strictest level.\n";

#[test]
fn a_disrepute_rule_does_not_decide_disagreeing_or_replying_and_parents_privacy_not_settings() {
    let questions = bank(REPUTATION);
    for scenario in [
        "criticise_school",
        "reply_to_post_about_school",
        "privacy_settings",
    ] {
        assert!(!asks(&questions, scenario), "{scenario}: {questions:#?}");
    }
    let questions = bank(CRITICISM);
    assert!(asks(&questions, "criticise_school"), "{questions:#?}");
    assert!(asks(&questions, "privacy_settings"), "{questions:#?}");
}

const DATA: &str = "Data Protection Policy\n\n\
6. Breaches\n\
6.1 If a personal data breach is likely to harm anyone, it must be reported to the ICO within 72 hours.\n\
6.2 If the complaint is upheld, the individual may appeal to the chair of governors.\n\
6.3 If a member of staff needs to take paper records home, they must sign them out at the office.\n";

#[test]
fn a_report_to_the_regulator_and_an_individuals_appeal_are_not_asked_of_the_reader() {
    let questions = bank(DATA);
    assert!(
        !decided_by(&questions, "ICO within 72 hours"),
        "{questions:#?}"
    );
    assert!(
        !decided_by(&questions, "individual may appeal"),
        "{questions:#?}"
    );
}

#[test]
fn a_duty_stem_says_its_moment_to_the_reader() {
    let questions = bank(DATA);
    let stem = questions
        .iter()
        .find(|q| q.id.starts_with("duty:") && q.explanation.contains("sign them out"))
        .map(|q| q.stem.clone())
        .expect("the signing-out duty is asked");
    assert!(
        stem.starts_with("If you need to take paper records home, "),
        "{stem}"
    );
    assert!(!stem.contains("member of staff"), "{stem}");
}

const LOWLEVEL: &str = "Low-level Concerns Policy\n\n\
1. Sharing\n\
1.1 Where a concern is about the headteacher, details should be passed to the chair of governors.\n";

#[test]
fn a_rule_about_a_thing_is_not_put_as_the_readers_choice() {
    // "…, is it up to you whether information is shared with …?" only restates the clause.
    let questions = bank(LOWLEVEL);
    assert!(
        questions
            .iter()
            .all(|q| !q.stem.contains("up to you whether")),
        "{questions:#?}"
    );
}

const OTHERS_AND_ASIDES: &str = "Sailing Club Safeguarding Policy\n\n\
1. Reporting concerns\n\
1.1 The Regional Safeguarding Team is responsible for assessing every concern about a child that is reported to it and for deciding on the next steps.\n\
1.2 The Club Welfare Officer is responsible for reporting concerns about a child to children's social care.\n\
1.3 If you intend to contact the police yourself, you should tell the Club Welfare Officer first.\n\
1.4 Staff are responsible for reporting any concern about a child to the Club Welfare Officer.\n";

#[test]
fn a_named_teams_responsibility_and_an_aside_decide_nothing_of_the_readers() {
    let questions = bank(OTHERS_AND_ASIDES);
    for others in [
        "Regional Safeguarding Team is responsible",
        "Club Welfare Officer is responsible",
        "If you intend to contact the police",
    ] {
        assert!(!decided_by(&questions, others), "{others}: {questions:#?}");
    }
    assert!(
        decided_by(&questions, "Staff are responsible for reporting"),
        "the reader's own responsibility still decides: {questions:#?}"
    );
}

const WHISTLEBLOWING: &str = "Whistleblowing Policy\n\n\
3. Raising a concern\n\
3.1 If the malpractice involves the headteacher, staff should raise it with the chair of governors.\n\
3.2 Staff must not attempt to investigate a concern about wrongdoing themselves or to gather proof.\n\
3.3 Schools should not attempt to investigate abusive images themselves.\n";

#[test]
fn a_whistleblowing_policy_asks_its_readers_own_steps() {
    let questions = bank(WHISTLEBLOWING);
    assert!(
        asks(&questions, "whistleblow_head_involved"),
        "{questions:#?}"
    );
    assert!(
        asks(&questions, "whistleblow_investigate"),
        "{questions:#?}"
    );
    assert!(decided_by(
        &questions,
        "Staff must not attempt to investigate"
    ));
    assert!(
        !decided_by(&questions, "Schools should not"),
        "{questions:#?}"
    );
}

#[test]
fn a_low_level_concerns_policy_asks_about_reporting_yourself() {
    let questions = bank("Low-level Concerns Policy\n\n4. Sharing concerns\n\
4.1 Staff are encouraged to self-report if they find themselves in a situation which could be misinterpreted.\n\
4.2 A pupil's own behaviour may also be recorded.\n");
    assert!(asks(&questions, "low_level_self_report"), "{questions:#?}");
    assert!(decided_by(&questions, "encouraged to self-report"));
}
