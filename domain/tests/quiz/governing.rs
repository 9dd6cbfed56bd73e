//! A situation is decided only by a clause that governs its own action, never by one that only
//! shares its topic words. The fixtures are written here, in the way real policies are written.

use attest_domain::clauses::parse_text;
use attest_domain::quiz::build_bank;

/// The scenario ids asked for a policy text.
fn scenarios(text: &str) -> Vec<String> {
    let set = parse_text(text).expect("the fixture parses");
    build_bank(&set, 7)
        .questions
        .into_iter()
        .filter(|q| !q.id.starts_with("duty:"))
        .map(|q| q.id)
        .collect()
}

fn asks(text: &str, scenario: &str) -> bool {
    scenarios(text)
        .iter()
        .any(|id| id.starts_with(&format!("{scenario}:")))
}

const PHOTOGRAPHS: &str = "Use of Images Policy\n\n\
1. Photographs\n\
1.1 Staff must not post photographs of pupils on their personal social media accounts.\n\
1.2 Images of children must only be taken on school equipment.\n";

const INTIMATE_CARE: &str = "Intimate Care Policy\n\n\
2. Dignity\n\
2.1 Staff must protect each child's privacy and dignity during intimate care, giving the level of help the child needs and no more.\n\
2.2 Staff should explain to the child what is happening before they begin.\n";

const FRIENDS: &str = "Online Conduct\n\n\
3. Contact with pupils\n\
3.1 Staff must not accept friend requests from pupils on personal social media.\n\
3.2 Staff should set the privacy settings on their personal accounts to the strictest level.\n";

#[test]
fn a_photographs_rule_does_not_decide_a_pupils_friend_request() {
    assert!(
        !asks(PHOTOGRAPHS, "pupil_friend_request"),
        "{:?}",
        scenarios(PHOTOGRAPHS)
    );
    assert!(!asks(PHOTOGRAPHS, "parent_friend_request"));
}

#[test]
fn privacy_in_intimate_care_does_not_decide_privacy_settings() {
    assert!(
        !asks(INTIMATE_CARE, "privacy_settings"),
        "{:?}",
        scenarios(INTIMATE_CARE)
    );
}

#[test]
fn a_rule_about_the_action_itself_still_decides_it() {
    let bank = build_bank(&parse_text(FRIENDS).expect("parses"), 7);
    let friend = bank
        .questions
        .iter()
        .find(|q| q.id == "pupil_friend_request:3.1")
        .expect("the friend-request rule decides the friend request");
    assert!(friend.explanation.starts_with("Clause 3.1 decides this"));
    let privacy = bank
        .questions
        .iter()
        .find(|q| q.id.starts_with("privacy_settings:"))
        .expect("the privacy-settings rule decides privacy settings");
    assert_eq!(privacy.id, "privacy_settings:3.2");
}

#[test]
fn an_exception_naming_parents_does_not_make_a_rule_about_pupils_theirs() {
    let text = "Contact\n\n4. Contact details\n\
4.1 Staff must not give their personal mobile numbers to pupils, unless this is agreed with parents.\n";
    assert!(asks(text, "pupil_asks_for_number"), "{:?}", scenarios(text));
    assert!(
        !asks(text, "family_contact_personal_phone"),
        "{:?}",
        scenarios(text)
    );
}

#[test]
fn every_scenario_option_has_the_same_shape() {
    let mut banks: Vec<_> = crate::helpers::all_banks()
        .into_iter()
        .map(|(_, _, bank)| bank)
        .collect();
    for text in [PHOTOGRAPHS, INTIMATE_CARE, FRIENDS] {
        banks.push(build_bank(&parse_text(text).expect("parses"), 7));
    }
    for bank in banks {
        for q in bank.questions.iter().filter(|q| !q.id.starts_with("duty:")) {
            for option in &q.options {
                assert!(option.contains(" — "), "{}: {option:?} has no reason", q.id);
            }
        }
    }
}

#[test]
fn a_whistleblowers_disclosure_is_not_a_childs() {
    let text = "Whistleblowing Policy\n\n6. Handling a concern\n\
6.1 Full details of the disclosure should be obtained and noted by the manager.\n";
    assert!(!asks(text, "disclosure_record"), "{:?}", scenarios(text));
}

const NEAR_MISSES: &str = "Staff Conduct\n\n\
1. Reputation\n\
1.1 Staff must not bring the school into disrepute.\n\n\
2. Technology\n\
2.1 Staff must report any technical or security concerns to the designated safeguarding lead.\n\n\
3. Records\n\
3.1 Staff must ensure personal data is accurate and up to date.\n\
3.2 Staff must keep personal and professional data separate.\n\
3.3 Volunteers must adhere to this policy and the code of conduct.\n";

#[test]
fn a_rule_about_something_else_leaves_the_situation_unasked() {
    let asked = scenarios(NEAR_MISSES);
    // Bringing the school into disrepute is not posting a criticism: the verb differs.
    assert!(!asks(NEAR_MISSES, "criticise_school"), "{asked:?}");
    // The safeguarding lead is who is told, not what the concern is about.
    assert!(
        !asks(NEAR_MISSES, "safeguarding_concern_online"),
        "{asked:?}"
    );
    // Accurate records are not care over a whistleblowing disclosure.
    assert!(!asks(NEAR_MISSES, "whistleblow_evidence"), "{asked:?}");
    // Data kept apart is not a personal life kept apart; one policy is not all of them.
    assert!(!asks(NEAR_MISSES, "keep_lives_separate"), "{asked:?}");
    assert!(!asks(NEAR_MISSES, "volunteer_policies"), "{asked:?}");
    // The same clauses worded about the situation's own action still decide it.
    let governing = "Staff Conduct\n\n\
1. Reputation\n\
1.1 Staff must not post criticism of the school on social media.\n\n\
2. Safeguarding\n\
2.1 Staff must report any safeguarding concern about a child to the designated safeguarding lead.\n";
    assert!(
        asks(governing, "criticise_school"),
        "{:?}",
        scenarios(governing)
    );
    assert!(asks(governing, "safeguarding_concern_online"));
}
