//! How duties are read into holder, condition and base-form action.

use super::*;

fn read_as(text: &str, modality: Modality) -> Option<ParsedDuty> {
    let duty = Duty {
        text: text.into(),
        modality,
    };
    let clause = Clause {
        id: "1".into(),
        section: "S".into(),
        text: text.into(),
        modality,
        duties: vec![duty.clone()],
        audience: vec![],
        topics: vec![],
    };
    parse(&clause, &duty)
}

fn read(text: &str) -> Option<ParsedDuty> {
    read_as(text, Modality::Must)
}

#[test]
fn the_reader_the_condition_and_the_action_are_read_apart() {
    let p = read("If a child discloses abuse, staff must report it to the DSL the same day.")
        .expect("parses");
    assert_eq!(p.holder, Holder::Reader);
    assert_eq!(p.condition.as_deref(), Some("If a child discloses abuse"));
    assert_eq!(p.action, "report it to the DSL the same day");
}

#[test]
fn an_entry_forbidden_by_its_lead_in_is_not_asked_positively() {
    let p = read_as(
        "make contact with pupils on social media",
        Modality::ShouldNot,
    );
    assert!(!p.expect("parses").negation_in_action);
    let p = read_as(
        "avoid contact with pupils on social media",
        Modality::ShouldNot,
    );
    assert!(p.expect("parses").negation_in_action);
}

#[test]
fn a_condition_ended_by_then_keeps_its_holder_apart() {
    let p = read("If there is evidence of theft then the finance officer must call the police.")
        .expect("parses");
    assert_ne!(p.holder, Holder::Reader);
    assert_eq!(
        p.condition.as_deref(),
        Some("If there is evidence of theft")
    );
}

#[test]
fn a_last_entry_drops_its_joining_word_and_keeps_its_negation() {
    let p = read_as("and not accept gifts from parents", Modality::MustNot).expect("parses");
    assert_eq!(p.action, "accept gifts from parents");
    // The entry's "not" is said by the strength ("must not accept"), never dropped.
    assert!(!p.negation_in_action);
}

#[test]
fn others_duties_name_their_holder() {
    let p = read("The headteacher will inform the local authority designated officer.")
        .expect("parses");
    assert!(matches!(p.holder, Holder::Role { ref name, .. } if name == "The headteacher"));
    let p = read("Mobile phones are not to be turned on during working hours.").expect("parses");
    assert_eq!(p.holder, Holder::Thing("Mobile phones".into()));
    assert_eq!(p.action, "be turned on during working hours");
}

#[test]
fn the_school_speaking_of_itself_and_things_named_after_it_are_told_apart() {
    let p = read("We will obtain written consent from parents.").expect("parses");
    assert!(
        matches!(p.holder, Holder::Role { ref name, .. } if name == crate::quiz::holders::SCHOOL)
    );
    let p = read("Official school sites must be created with approval.").expect("parses");
    assert_eq!(p.holder, Holder::Thing("Official school sites".into()));
    let p =
        read("Any unacceptable behaviour by the children must be left to staff.").expect("parses");
    assert!(matches!(p.holder, Holder::Thing(_)), "{:?}", p.holder);
}

#[test]
fn the_readers_own_words_become_yours() {
    let p = read("I will not disclose my username or password to anyone else.").expect("parses");
    assert_eq!(
        p.action,
        "disclose your username or password to anyone else"
    );
    let p = read_as(
        "Staff should keep their personal phones locked away.",
        Modality::Should,
    )
    .expect("parses");
    assert_eq!(p.action, "keep your personal phones locked away");
}

#[test]
fn a_modal_inside_the_opening_condition_is_not_the_duty() {
    let p = read("Where information needs to be taken home, staff must follow the procedure.")
        .expect("parses");
    assert_eq!(p.holder, Holder::Reader);
    assert_eq!(
        p.condition.as_deref(),
        Some("Where information needs to be taken home")
    );
    assert_eq!(p.action, "follow the procedure");
}

#[test]
fn what_is_not_a_base_form_action_is_refused() {
    assert_eq!(
        read("staff and pupils are reminded to change passwords"),
        None
    );
    assert_eq!(read("Staff are responsible for keeping records."), None);
    assert_eq!(read("Working alone with a child."), None);
}

#[test]
fn a_judged_noun_phrase_or_a_need_is_no_action() {
    assert!(read_as("Shouting or sarcasm are unacceptable", Modality::MustNot).is_none());
    assert!(read("Be mindful of the need to keep changing areas private").is_none());
}

#[test]
fn a_duty_the_reader_shares_with_others_is_the_readers() {
    let p = read("All staff, governors and visitors will not share their passwords.");
    assert_eq!(p.expect("parses").holder, Holder::Reader);
    // A step two roles share has no one holder to ask about, and is never the reader's.
    let p = read("The headteacher and governors must review the policy each year.");
    assert!(p.is_none_or(|p| p.holder != Holder::Reader));
}

#[test]
fn a_lead_in_about_a_list_is_not_a_thing_with_a_duty() {
    let text = "Overall, the following are not acceptable and must be reported to the lead";
    assert!(read(text).is_none());
}

#[test]
fn a_modal_that_did_not_give_the_strength_is_not_said() {
    // Advice ("should") read off "will be recognised" would say the wrong strength.
    let text = "Such contacts will be recognised and should be raised with the head";
    assert!(read_as(text, Modality::Should).is_none());
    assert!(read_as(
        "There are no reasons that will excuse a late report",
        Modality::MustNot
    )
    .is_none());
    assert!(read_as("Staff should keep records", Modality::Should).is_some());
}

#[test]
fn the_setting_speaking_of_itself_is_the_school() {
    let p = read("The Rainbow setting will ensure that the garden gate is locked.");
    assert!(matches!(p.expect("parses").holder, Holder::Role { .. }));
}

#[test]
fn an_instruction_after_its_condition_keeps_the_condition_apart() {
    let p = read("If working after dark, ensure the outside lights work.").expect("parses");
    assert_eq!(p.condition.as_deref(), Some("If working after dark"));
    assert_eq!(p.action, "ensure the outside lights work");
}

#[test]
fn a_permission_is_read_at_its_may_and_a_possibility_is_not_one() {
    let p = read_as(
        "Staff who are worried about the headteacher may contact the chair of governors directly.",
        Modality::May,
    )
    .expect("a permission");
    assert_eq!(p.holder, Holder::Reader);
    assert_eq!(p.action, "contact the chair of governors directly");
    assert!(read_as(
        "Some staff may find themselves working alone after school.",
        Modality::May
    )
    .is_none());
    assert!(read_as("Staff may be asked to cover a colleague.", Modality::May).is_none());
    // A permission in other words is read at its own words.
    for (given, action) in [
        (
            "You can raise a concern in writing.",
            "raise a concern in writing",
        ),
        (
            "Staff are also entitled to bring a colleague to the meeting.",
            "bring a colleague to the meeting",
        ),
        (
            "Employees have the right to see their own file.",
            "see your own file",
        ),
    ] {
        let p = read_as(given, Modality::May).expect("a permission");
        assert_eq!(p.holder, Holder::Reader, "{given}");
        assert_eq!(p.action, action, "{given}");
    }
}

#[test]
fn a_statement_about_an_office_or_a_named_person_is_not_an_instruction() {
    for statement in [
        "Our club Welfare Officer is responsible for updating this policy each year.",
        "Dana Okafor is responsible for updating this policy each year.",
    ] {
        assert!(read_as(statement, Modality::Must).is_none(), "{statement}");
    }
    // Capitals for emphasis are still an instruction.
    assert!(read_as("Do NOT share your password", Modality::MustNot).is_some());
}

#[test]
fn the_schools_own_aims_and_steps_are_not_the_readers() {
    let school = Holder::Role {
        name: SCHOOL.into(),
        stock: None,
    };
    let p = read("We need to be sure that a request is genuine.").expect("parses");
    assert_eq!(p.holder, school);
    let p = read("It is essential to protect the privacy and safety of each of our families.")
        .expect("parses");
    assert_eq!(p.holder, school);
    // "It is a good idea to …" with nothing of the school's still advises the reader.
    let p = read("It is essential to lock your screen when you leave it.").expect("parses");
    assert_eq!(p.holder, Holder::Reader);
    assert!(
        read("As part of our duty of care, it is essential to keep records.")
            .is_none_or(|p| p.holder != Holder::Reader)
    );
    // A possibility is no permission.
    assert!(read_as(
        "Staff who raise concerns may also fear harassment.",
        Modality::May
    )
    .is_none());
}

#[test]
fn a_pronoun_after_a_condition_stands_for_what_the_condition_names() {
    let p = read_as(
        "If your concern is about the headteacher, it should be raised with the chair of governors.",
        Modality::Should,
    )
    .expect("parses");
    assert_eq!(p.holder, Holder::Thing("it".into()));
    assert_eq!(p.action, "be raised with the chair of governors");
    // With no condition to name it, "it" stands for nothing the sentence says.
    assert!(read_as(
        "It should be raised with the chair of governors.",
        Modality::Should
    )
    .is_none());
}
