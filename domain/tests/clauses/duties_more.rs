//! Hand-checked duty tables, continued: the last two samples (see `duties.rs`).

use attest_domain::clauses::Modality::{Info, May, Must, MustNot, Should, ShouldNot};

use crate::helpers::check_table;

#[test]
fn noble_mind_duties_have_the_expected_modality() {
    check_table(
        "noble-mind-school",
        &[
            ("We actively encourage the responsible use", Info),
            ("This policy applies to all staff use of social media", Info),
            (
                "should ensure that all existing and new staff are trained",
                Should,
            ),
            ("should provide opportunities to discuss", Should),
            ("must ensure that any allegations raised", Must),
            ("should ensure there is a system in place", Should),
            (
                "should ensure that they are familiar with the contents",
                Should,
            ),
            ("Staff must not place a child at risk of harm", MustNot),
            (
                "Staff must follow statutory and school safeguarding procedures",
                Must,
            ),
            ("Staff must report all situations", Must),
            (
                "must not allow their use of social media to affect",
                MustNot,
            ),
            ("Staff must maintain the reputation of the school", Must),
            (
                "must not contribute or access any social media content",
                MustNot,
            ),
            ("must not use social media to criticize or insult", MustNot),
            ("must not use social media to harass, bully", MustNot),
            ("Staff must not breach school confidentiality", MustNot),
            (
                "must follow their school data protection responsibilities",
                Must,
            ),
            (
                "must not reveal any other private or confidential school matters",
                MustNot,
            ),
            (
                "Staffs are responsible for all their social media content",
                Must,
            ),
            ("Staff must use appropriate behavior and language", Must),
            (
                "must neither interfere with a member of staff’s ability",
                MustNot,
            ),
            (
                "must take all reasonable steps to ensure the proper separation",
                Must,
            ),
            (
                "must not use school social networking accounts for personal content",
                MustNot,
            ),
            ("must not use personal social media with any child", MustNot),
            (
                "School staff can have social media contact with students",
                May,
            ),
            ("These relationships must be open and transparent", Must),
            ("The member of staff can report these social", May),
            ("must retain any communications to students", Must),
            ("must not use personal social media with anyone", MustNot),
            ("staff can also be parents", Info),
            ("The school reserves the right to monitor", May),
            ("All staff are required to adhere to this policy", Must),
            ("may constitute gross misconduct", Info),
            ("you should contact the Principal", Should),
            (
                "then they should consider reporting this to the Principal",
                Should,
            ),
        ],
    );
}

#[test]
fn st_annes_duties_have_the_expected_modality() {
    check_table(
        "st-annes-primary",
        &[
            ("The purpose of this policy is to outline", Info),
            ("they must ensure that they do not breach the law", MustNot),
            ("They must not disclose personal data", MustNot),
            (
                "Social media technologies take on many different forms",
                Info,
            ),
            (
                "must not disclose any information that is confidential",
                MustNot,
            ),
            ("must not link personal websites", MustNot),
            (
                "must not use the schools website or work email accounts",
                MustNot,
            ),
            ("Staff must not write their web blog", MustNot),
            ("St Annes will not tolerate criticisms", MustNot),
            (
                "they must follow the schools complaints and grievance policy",
                Must,
            ),
            (
                "Parents and carers must use the schools complaints policy",
                Must,
            ),
            ("The school respects the rights", Info),
            ("the school must also ensure that confidentiality", Must),
            ("Ensure that they do not conduct themselves", MustNot),
            ("Take care not to allow their interaction", ShouldNot),
            ("should follow these guidelines", Should),
            ("Do not defame (liable) anyone", MustNot),
            (
                "Do not include personal information about an individual",
                MustNot,
            ),
            (
                "Should not include statements that could be regarded as abusive",
                ShouldNot,
            ),
            ("Not to publish anything that could bring", MustNot),
            (
                "Staff should only access social media sites in their own time",
                Should,
            ),
            ("Staff should not comment on any posts", ShouldNot),
            (
                "Staff should not share or discuss confidential matters",
                ShouldNot,
            ),
            ("It is not advisable for staff to invite parents", ShouldNot),
            ("staff should proceed with caution", Should),
            ("Staff should not accept 'friend' requests", ShouldNot),
            ("Staff should use all the privacy setting", Should),
            ("Staff should not share personal conversations", ShouldNot),
            (
                "Bullying and harassment of any kind will not be tolerated",
                MustNot,
            ),
            ("This list is not exhaustive", Info),
            ("Staff should refer to the Disciplinary Procedure", Should),
            ("should not assume that any entries they make", ShouldNot),
        ],
    );
}

/// The modality of the one duty containing `fragment` in `text`.
fn modality_in(text: &str, fragment: &str) -> attest_domain::clauses::Modality {
    let set = attest_domain::clauses::parse_text(text).expect("parses");
    crate::helpers::duty_modality(&set, fragment)
}

#[test]
fn a_commitment_lead_in_makes_avoid_a_prohibition_however_its_entries_are_laid_out() {
    let layouts = [
        // Entries as plain paragraphs, their markers lost.
        "Staff agreement\n\nWhen using school systems I agree to:\nAvoid storing pupil data on personal devices.\nKeep my password secure.\n",
        // A lead-in ending in "the following".
        "Staff agreement\n\nAs a member of staff I agree to the following:\n\n• Avoid storing pupil data on personal devices\n\n• Keep my password secure\n",
        // Short numbered entries that would otherwise read as headings.
        "Staff agreement\n\nI agree to:\n1. Avoid storing pupil data on personal devices\n2. Keep my password secure\n",
        // The lead-in and its entry on one line.
        "Staff agreement\n\nI agree to: Avoid storing pupil data on personal devices.\n",
        // A second sentence in one entry.
        "Staff agreement\n\nI agree to:\n- Keep my password secure. Avoid storing pupil data on personal devices.\n",
    ];
    for text in layouts {
        assert_eq!(
            modality_in(text, "Avoid storing pupil data"),
            MustNot,
            "{text}"
        );
    }
    // A paragraph after a list that a negative lead-in heads is not forbidden by it.
    let after = "Staff code\n\nStaff must not:\n- smoke near children. Report anyone who does.\n";
    assert_eq!(modality_in(after, "Report anyone who does"), Must);
}

#[test]
fn every_line_under_an_agreement_lead_in_is_its_entry_whatever_verb_opens_it() {
    // Entries one to a line with full stops; "Communicate" and "Only use" are no verbs the
    // imperative list knows, yet the list must not break before "Avoid".
    let text = "Staff agreement\n\nAs a member of staff I agree to:\n\nKeep my login details private.\nCommunicate with parents only through the school email system.\nOnly use school devices to take photographs of pupils.\nAvoid posting images of pupils on personal social media accounts.\n\nMonitoring\n\nThe school may check how its network is used.\n";
    assert_eq!(modality_in(text, "Avoid posting images"), MustNot);
    assert_eq!(modality_in(text, "Communicate with parents"), Must);
    // The blank line and the heading end the list: what follows has its own strength.
    assert_eq!(modality_in(text, "The school may check"), Info);
    // "Staff must:" heads its lines the same way; "should" entries keep their own word.
    let must = "Staff code\n\nStaff must:\nCommunicate with parents through school channels.\nAvoid being alone with a pupil behind a closed door.\nStaff should take a colleague on home visits where they can.\n";
    assert_eq!(modality_in(must, "Avoid being alone"), MustNot);
}
