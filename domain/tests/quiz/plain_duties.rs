//! Plain duties with no "If …" of their own, as whistleblowing, low-level concerns and data
//! protection policies state most of theirs, asked at the moment a member of staff meets them:
//! wanting to do what the policy forbids or allows, coming across what it asks them to report,
//! or the moment the duty's subject names ("Any member of staff who …"). The fixtures are
//! written here, in the way such policies are written.

use attest_domain::clauses::parse_text;
use attest_domain::quiz::{build_bank, Question};

fn bank(text: &str) -> Vec<Question> {
    let set = parse_text(text).expect("the fixture parses");
    build_bank(&set, 7).questions
}

fn duty<'a>(questions: &'a [Question], clause: &str) -> &'a Question {
    questions
        .iter()
        .find(|q| q.id.starts_with(&format!("duty:{clause}:")))
        .unwrap_or_else(|| panic!("no plain duty question on {clause}: {questions:#?}"))
}

fn right(q: &Question) -> &str {
    &q.options[q.answer]
}

const WHISTLEBLOWING: &str = "Whistleblowing Policy\n\n\
2. Raising a concern\n\
2.1 Staff should raise any concern about malpractice with their line manager in the first instance.\n\
2.2 Any member of staff who believes their line manager is involved should speak to the chair of governors instead.\n\
2.3 Staff may ask a trade union representative for advice at any stage.\n\
2.4 Staff must not try to gather evidence themselves.\n\n\
3. Protection\n\
3.1 The school will not tolerate harassment of anyone who raises a concern.\n\
3.2 Staff must not make allegations they know to be untrue.\n";

#[test]
fn a_whistleblowing_policy_is_asked_at_the_moments_staff_meet_it() {
    let questions = bank(WHISTLEBLOWING);
    let other_route = duty(&questions, "2.2");
    assert_eq!(
        other_route.stem,
        "If you believe your line manager is involved, do you have to speak to the chair of governors instead?"
    );
    assert!(
        right(other_route).contains("you should speak"),
        "{other_route:#?}"
    );
    let advice = duty(&questions, "2.3");
    assert!(
        advice
            .stem
            .starts_with("You would like to ask a trade union"),
        "{advice:#?}"
    );
    assert!(right(advice).starts_with("You may ask"), "{advice:#?}");
    let evidence = duty(&questions, "2.4");
    assert!(right(evidence).starts_with("You must not try to gather evidence yourself"));
    // The school's own promise is not the reader's, and no one would like to lie.
    assert!(
        questions.iter().all(|q| !q.id.starts_with("duty:3.")),
        "{questions:#?}"
    );
}

const LOW_LEVEL: &str = "Low-Level Concerns Procedure\n\n\
1. Sharing a concern\n\
1.1 All staff should report low-level concerns about the conduct of another adult to the headteacher.\n\
1.2 Staff must not discuss a low-level concern with the adult it is about.\n\
1.3 Staff who realise they have acted in a way that could be misunderstood are encouraged to tell the headteacher themselves.\n\
1.4 Low-level concerns must not be shared with parents.\n\n\
2. Records\n\
2.1 The headteacher will keep a confidential record of each concern.\n";

#[test]
fn a_low_level_concerns_procedure_is_asked_at_the_moments_staff_meet_it() {
    let questions = bank(LOW_LEVEL);
    let own = duty(&questions, "1.3");
    assert!(
        own.stem
            .starts_with("If you realise you have acted in a way"),
        "{own:#?}"
    );
    let parents = duty(&questions, "1.4");
    assert_eq!(
        parents.stem,
        "You would like to share low-level concerns with parents. Are you allowed to?"
    );
    assert!(right(parents).starts_with("You must not share low-level concerns with parents"));
    // A ban on sharing with parents does not say to share a concern with the headteacher.
    let share = questions
        .iter()
        .find(|q| q.id.starts_with("low_level_concern_share:"))
        .expect("1.1 decides the sharing situation");
    assert!(share.explanation.contains("Clause 1.1"), "{share:#?}");
}

const DATA: &str = "Staff Data Protection Guidance\n\n\
4. Keeping information safe\n\
4.1 Staff should not take paper records home.\n\
4.2 Any suspected loss of a school laptop must be reported to the business manager.\n\n\
5. Everyday practice\n\
Do not:\n\
- leave printed class lists on your desk\n\
- send personal information to a personal email address\n";

#[test]
fn a_data_protection_guide_is_asked_at_the_moments_staff_meet_it() {
    let questions = bank(DATA);
    let home = duty(&questions, "4.1");
    assert_eq!(
        home.stem,
        "You would like to take paper records home. Are you allowed to?"
    );
    assert!(right(home).starts_with("You should not take paper records home"));
    let loss = duty(&questions, "4.2");
    assert_eq!(
        loss.stem,
        "You become aware of a suspected loss of a school laptop. Under your policy, do you have to report it to the business manager?"
    );
    assert!(
        right(loss).starts_with("You must report any suspected loss"),
        "{loss:#?}"
    );
    let email = duty(&questions, "5.p2");
    assert!(right(email).starts_with("You must not send personal information"));
    for q in questions.iter().filter(|q| q.id.starts_with("duty:")) {
        assert_eq!(q.options.len(), 3, "{q:#?}");
        assert!(q.stem.ends_with('?'), "{q:#?}");
    }
}
