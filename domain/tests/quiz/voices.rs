//! Whose voice a sentence is in: the provider's "I", the school's "we" and an individual's rights
//! are never asked as the reader's duties. The fixtures are written here, as real policies are.

use attest_domain::clauses::parse_text;
use attest_domain::quiz::build_bank;

/// Every question's stem and options, lower-cased, for a policy text.
fn asked(text: &str) -> Vec<String> {
    let set = parse_text(text).expect("the fixture parses");
    build_bank(&set, 7)
        .questions
        .into_iter()
        .map(|q| format!("{} {}", q.stem, q.options.join(" ")).to_lowercase())
        .collect()
}

const PROVIDER: &str = "Busy Bees Nursery\nPrivacy Notice\n\n\
1. Who I am\n\
1.1 I am the data controller for the information held by my setting.\n\n\
2. How I use information\n\
2.1 I will share these records with parents at the end of each term.\n\
2.2 I will be accountable for the data I hold and will keep it secure.\n\
2.3 I will be clear about what data I am collecting and why.\n\
2.4 When they leave for the day, staff must lock personal records away.\n";

const RIGHTS: &str = "Data Protection Policy\n\n\
5. Rights of individuals\n\
5.1 Staff must pass any request for information to the data protection officer on the day it is received.\n\
5.2 Individuals also have the right to:\n\
\u{2022} challenge processing which has been justified on the basis of legitimate interests\n\
\u{2022} object to direct marketing\n\
\u{2022} ask for their data to be corrected\n\
5.3 Under the law individuals also have the right to: challenge decisions made about them by automated means; and request that processing is restricted.\n\n\
6. Sharing\n\
6.1 Before we share data with another body, we need to be satisfied that the sharing is lawful.\n\
6.3 In every case we need to be satisfied that the data is accurate.\n\
6.2 When they send data to parents, staff must not share personal data by personal e-mail.\n";

#[test]
fn a_providers_first_person_is_not_the_readers_duty() {
    let asked = asked(PROVIDER);
    for q in &asked {
        assert!(!q.contains("i shares"), "{q}");
        assert!(!q.contains("accountable for the data"), "{q}");
        assert!(!q.contains("share these records"), "{q}");
    }
    assert!(asked.iter().any(|q| q.contains("lock")), "{asked:?}");
}

#[test]
fn an_individuals_rights_and_the_schools_we_are_not_the_readers_duties() {
    let asked = asked(RIGHTS);
    for q in &asked {
        assert!(!q.contains("challenge processing"), "{q}");
        assert!(!q.contains("object to direct marketing"), "{q}");
        assert!(!q.contains("automated means"), "{q}");
        assert!(!q.contains("we is"), "{q}");
        assert!(!q.contains("be satisfied"), "{q}");
    }
    assert!(
        asked
            .iter()
            .any(|q| q.contains("personal e-mail") || q.contains("data protection officer")),
        "{asked:?}"
    );
}

/// A staff list broken by a page's running footer, then the children's code and the parents'.
const CODES: &str = "Riverside Tennis Club\nSafeguarding Policy\n\n\
4. Codes of conduct\n\
All staff and volunteers agree to:\n\
\u{2022} Put the welfare of each young person first\n\
\u{2022} Report any concern about a child to the Welfare Officer without delay\n\
Riverside Tennis Club Safeguarding Policy 2024 Page 6 of 12\n\
\u{2022} Refrain from smoking in front of children\n\
\u{2022}\n\
All children agree to:\n\
\u{2022} Not use bad language on court\n\
\u{2022} Tell the coach about any worries they have\n\
Parents should:\n\
\u{2022} Deliver and collect your child punctually\n\
\u{2022} Ensure your child has suitable clothing for the weather\n";

#[test]
fn a_code_for_someone_else_stays_theirs_after_a_page_break_in_the_list_above() {
    let asked = asked(CODES);
    for q in &asked {
        assert!(!q.contains("bad language"), "{q}");
        assert!(!q.contains("worries they have"), "{q}");
        assert!(!q.contains("deliver and collect"), "{q}");
        assert!(!q.contains("suitable clothing"), "{q}");
    }
    assert!(
        asked
            .iter()
            .any(|q| q.contains("smoking") || q.contains("report")),
        "{asked:?}"
    );
}

#[test]
fn a_code_for_someone_else_stays_theirs_without_an_empty_bullet_or_across_a_form_feed() {
    for codes in [
        CODES.replace("\u{2022}\nAll children", "All children"),
        CODES.replace("Page 6 of 12\n", "Page 6 of 12\n\u{c}"),
    ] {
        for q in asked(&codes) {
            assert!(!q.contains("bad language"), "{q}");
            assert!(!q.contains("deliver and collect"), "{q}");
        }
    }
}

#[test]
fn a_lead_in_after_a_numbered_clause_opens_its_own_list() {
    let text = "Data Protection Policy\n\n5. Rights\n\
5.1 Staff must pass any request for information to the data protection officer on the day it is received.\n\
Individuals also have the right to:\n\
\u{2022}\nchallenge processing which has been justified on the basis of legitimate interests\n\
\u{2022}\nobject to direct marketing\n\n\
6. Sharing\n\
6.1 In such cases we need to be satisfied that the data is accurate.\n\
6.2 When they send data to parents, staff must not share personal data by personal e-mail.\n";
    let asked = asked(text);
    for q in &asked {
        assert!(!q.contains("challenge processing"), "{q}");
        assert!(!q.contains("direct marketing"), "{q}");
        assert!(
            !q.contains("correct"),
            "the school's own step decides nothing: {q}"
        );
    }
    assert!(
        asked.iter().any(|q| q.contains("personal e-mail")),
        "{asked:?}"
    );
}

#[test]
fn a_clubs_statement_about_itself_is_not_an_instruction() {
    let text = "Riverside RFC\nSafeguarding Policy\n\n1. Responsibility\n\
1.1 Riverside RFC recognises that safeguarding is the responsibility of everyone involved at the club.\n\
1.2 Coaches must not be alone with a child in the changing rooms.\n";
    let asked = asked(text);
    for q in &asked {
        assert!(!q.contains("recognises"), "{q}");
    }
    assert!(asked.iter().any(|q| q.contains("alone")), "{asked:?}");
}

#[test]
fn entries_whose_markers_were_lost_keep_their_lead_ins_strength_and_holder() {
    let text = "Lone Working Policy\n\n4. Emergencies\n\
4.1 Staff working alone must carry a charged mobile phone.\n\
4.2 Missed check-in: If a lone worker fails to check in as agreed, the duty contact should:\no\n\n\
Try to reach the worker by phone.\n\n\
If there is no answer, contact the Headteacher.\no\n\n\
5. Records\n5.1 Staff must keep a log of lone working.\n";
    let set = parse_text(text).expect("parses");
    // The marker left before the next numbered heading is no entry and no part of the last one.
    for c in &set.clauses {
        for d in &c.duties {
            assert!(!d.text.trim_end().ends_with(". o"), "{:?}", d.text);
        }
    }
    let clause = set.clauses.iter().find(|c| c.id == "4.2").expect("4.2");
    let entry = clause
        .duties
        .iter()
        .find(|d| d.text.starts_with("If there is no answer"))
        .expect("the entry");
    assert_eq!(entry.modality, attest_domain::Modality::Should);
    for q in asked(text) {
        assert!(!q.contains("you must contact the headteacher"), "{q}");
        assert!(!q.contains("do you have to contact the headteacher"), "{q}");
    }
}
