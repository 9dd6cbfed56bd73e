//! Careful readings of duty strength, one phrasing at a time.

use super::*;

#[test]
fn list_entries_without_verbs_do_not_inherit_a_lead_in() {
    let lead = "This policy should be read in conjunction with the following school policies:";
    assert_eq!(
        under_lead(
            "Forge Integrated Primary School Internet Use Policy",
            Some(lead)
        ),
        Modality::Info
    );
}

#[test]
fn a_possibility_is_not_a_duty() {
    assert_eq!(
        modality_of("Staff may be required to work off-site alone."),
        Modality::Info
    );
    assert_eq!(
        modality_of("You may need to pass on the concern."),
        Modality::Info
    );
    // "may not" of a state is a possibility; of an act it still forbids.
    assert_eq!(
        modality_of("Children say they may not be aware that the image is shared."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Pupils may not always understand why a rule exists."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Staff may not use their own phones in class."),
        Modality::MustNot
    );
}

#[test]
fn a_reminder_of_a_fact_is_information() {
    assert_eq!(
        modality_of("Remember that children often disclose abuse a little at a time."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Remember that you must sign out when you leave."),
        Modality::Must
    );
}

#[test]
fn a_list_of_rights_is_not_a_list_of_duties() {
    let theirs = "Under the law, people whose data we hold have the right to:";
    assert_eq!(
        under_lead("be told how their data is used", Some(theirs)),
        Modality::Info
    );
    let ours = "Staff have the right to:";
    assert_eq!(
        under_lead("be accompanied at a meeting", Some(ours)),
        Modality::May
    );
}

#[test]
fn careful_readings_of_common_phrasings() {
    assert_eq!(
        modality_of("Visitors will not disclose any passwords."),
        Modality::MustNot
    );
    assert_eq!(
        modality_of("Staff are also entitled to seek advice from a union."),
        Modality::May
    );
    assert_eq!(
        modality_of("Children have the right to protection from harm."),
        Modality::Info
    );
    assert_eq!(
        modality_of("It details how we will implement the guidance."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Fire: Evacuate immediately via the nearest exit."),
        Modality::Must
    );
    assert_eq!(
        modality_of("Avoid working alone with pupils in isolated areas."),
        Modality::ShouldNot
    );
    assert_eq!(
        modality_of("It is a disciplinary offence to misuse the system."),
        Modality::MustNot
    );
}

#[test]
fn standing_rules_and_conditional_permissions_in_the_passive() {
    assert_eq!(
        modality_of("The door to the toilets will be kept open at all times."),
        Modality::Must
    );
    assert_eq!(
        modality_of("It may be kept ajar if a child needs privacy."),
        Modality::May
    );
    assert_eq!(
        modality_of("Disciplinary action may be taken against them."),
        Modality::Info
    );
}

#[test]
fn a_sentence_opening_with_no_forbids_what_its_modal_says() {
    assert_eq!(
        modality_of("No photographs should be taken of the children on any phones."),
        Modality::ShouldNot
    );
    let lead = Some("Staff must adhere to the following:");
    assert_eq!(
        under_lead("No photographs should be taken of the children.", lead),
        Modality::MustNot
    );
}

#[test]
fn entries_take_the_strength_of_what_they_continue() {
    let lead = Some("Staff must:");
    assert_eq!(
        under_lead("and not seek any personal gain", lead),
        Modality::MustNot
    );
    let lead = Some("All members of staff agree to:");
    assert_eq!(
        under_lead("Avoid being alone with a child", lead),
        Modality::MustNot
    );
    let lead = Some("You must:");
    assert_eq!(
        under_lead("wherever possible use remote access", lead),
        Modality::Should
    );
    let lead = Some("In summary, the following are NOT acceptable and will be treated seriously:");
    assert_eq!(
        under_lead("Smoking in the presence of children.", lead),
        Modality::MustNot
    );
}

#[test]
fn bare_lead_ins_are_info_and_their_entries_inherit() {
    assert_eq!(
        modality_of("Adults working in schools should:"),
        Modality::Info
    );
    let lead = Some("Adults working in schools should:");
    assert_eq!(
        under_lead("never share their work log-ins;", lead),
        Modality::ShouldNot
    );
    assert_eq!(
        under_lead("keep their phone numbers private;", lead),
        Modality::Should
    );
    let lead = Some("Adults working in schools should not:");
    assert_eq!(
        under_lead("use school ICT equipment for personal use;", lead),
        Modality::ShouldNot
    );
}

#[test]
fn rules_worded_as_arrangements_requests_and_responsibilities() {
    let cases = [
        (
            "Staff are to report any concern on the same day.",
            Modality::Must,
        ),
        (
            "Mobile phones are only to be used in the staff room.",
            Modality::Must,
        ),
        (
            "The aim of this policy is to keep children safe.",
            Modality::Info,
        ),
        (
            "If a child is to be moved to another room, parents are told.",
            Modality::Info,
        ),
        (
            "Visitors are requested not to use their phones in class.",
            Modality::ShouldNot,
        ),
        (
            "Parents are asked to collect their child on time.",
            Modality::Should,
        ),
        (
            "It is the responsibility of every adult to report concerns.",
            Modality::Must,
        ),
        (
            "It will be the responsibility of the manager to brief new staff.",
            Modality::Must,
        ),
        (
            "At no time should an adult be alone with a child in a car.",
            Modality::MustNot,
        ),
        (
            "Lone working should be avoided where it can be.",
            Modality::ShouldNot,
        ),
        (
            "No mobile phones may be used in the changing area.",
            Modality::MustNot,
        ),
        (
            "Written consent is required before any photograph is taken.",
            Modality::Must,
        ),
        (
            "Phones are only permitted in the staff room.",
            Modality::Must,
        ),
    ];
    for (sentence, want) in cases {
        assert_eq!(modality_of(sentence), want, "{sentence}");
    }
}

#[test]
fn do_and_dont_lists_and_ensure_leads_govern_their_entries() {
    assert_eq!(
        under_lead("share your password with anyone", Some("Don't:")),
        Modality::MustNot
    );
    assert_eq!(
        under_lead("log off when you leave a computer", Some("Do:")),
        Modality::Must
    );
    let lead = Some("When using the internet staff must ensure that they:");
    assert_eq!(
        under_lead("are familiar with the filtering rules", lead),
        Modality::Must
    );
    let lead = Some("When using social media I agree to:");
    assert_eq!(
        under_lead("avoid posting photographs of pupils", lead),
        Modality::MustNot
    );
}

#[test]
fn commitments_with_asides_and_instructions_after_a_condition() {
    let cases = [
        (
            "I will, where possible, teach pupils to stay safe online.",
            Modality::Must,
        ),
        (
            "I will also follow any extra rules the school sets.",
            Modality::Must,
        ),
        (
            "I will be professional in my emails to parents.",
            Modality::Must,
        ),
        (
            "All staff will be given a copy of this policy.",
            Modality::Info,
        ),
        (
            "If working after dark, ensure the outside lights are on.",
            Modality::Must,
        ),
        (
            "Where it cannot be avoided, do not work alone with a pupil.",
            Modality::MustNot,
        ),
        (
            "When the alarm sounds, the office will call the fire service.",
            Modality::Info,
        ),
        ("Staff must receive training on: o", Modality::Must),
    ];
    for (sentence, want) in cases {
        assert_eq!(modality_of(sentence), want, "{sentence}");
    }
}

#[test]
fn what_befalls_a_person_is_not_what_they_commit_to() {
    assert_eq!(
        modality_of("Staff will be subject to the disciplinary procedure."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Volunteers will be responsible for signing in."),
        Modality::Must
    );
}

#[test]
fn what_someone_may_fear_or_feel_is_a_possibility_not_a_permission() {
    assert_eq!(
        modality_of("Staff who raise concerns may also fear harassment or victimisation."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Some pupils may feel unable to speak up."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Staff may raise a concern with the chair of governors."),
        Modality::May
    );
}

#[test]
fn an_encouragement_with_an_adverb_still_advises() {
    for advised in [
        "Staff are also encouraged to tell the head about their own conduct.",
        "Colleagues are therefore advised to keep a note of the conversation.",
        "Staff are encouraged to raise concerns early.",
    ] {
        assert_eq!(modality_of(advised), Modality::Should, "{advised}");
    }
}

#[test]
fn taking_care_of_someone_is_no_advice() {
    assert_eq!(
        modality_of("A vulnerable adult is a person who may be unable to take care of themselves."),
        Modality::Info
    );
    assert_eq!(
        modality_of("Take care when lifting equipment in the hall."),
        Modality::Should
    );
}

#[test]
fn an_instruction_left_to_judgement_recommends() {
    for (text, m) in [
        ("Keep the door open where possible.", Modality::Should),
        (
            "Avoid working alone whenever possible.",
            Modality::ShouldNot,
        ),
        (
            "As far as possible, record the child's own words.",
            Modality::Should,
        ),
        (
            "Where practicable, do not leave a child alone.",
            Modality::ShouldNot,
        ),
        ("Keep the door open.", Modality::Must),
    ] {
        assert_eq!(modality_of(text), m, "{text}");
    }
}
