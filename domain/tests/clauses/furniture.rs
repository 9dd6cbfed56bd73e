//! Page furniture, run-in numbers and unmarked lists, on fixtures written the way real
//! policies are laid out (contents without page numbers, a PDF's bullets in a run, a web page).

use attest_domain::clauses::{parse_text, ClauseSet, Modality};

fn parsed(text: &str) -> ClauseSet {
    parse_text(text).expect("parses")
}

fn ids(set: &ClauseSet) -> Vec<&str> {
    set.clauses.iter().map(|c| c.id.as_str()).collect()
}

fn all_text(set: &ClauseSet) -> String {
    set.clauses
        .iter()
        .map(|c| format!("{} | {}", c.section, c.text))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn contents_entries_with_leaders_never_swallow_the_first_heading() {
    let set = parsed(
        "Records Policy\n\nContents\n1. Aims ........................ 4\n2. Roles ....................... 5\n\
         ………………………………\n\nPage 3 of 9\n\n1. Aims\nThe school keeps records lawfully.\n\
         2. Roles\nStaff must lock filing cabinets.\n",
    );
    assert_eq!(ids(&set), ["1.p1", "2.p1"]);
    assert_eq!(set.clauses[0].section, "Aims");
}

#[test]
fn contents_without_page_numbers_are_furniture() {
    let set = parsed(
        "Handling Policy\nContents\n- Introduction\n- Before Using Holds\n- Recording\n\
         Document Owner: | Pastoral Team |\nVersion Number: | 2 |\n1. Introduction\n\
         1.1 Staff must record every use of a hold on the day.\n",
    );
    let text = all_text(&set);
    assert!(!text.contains("Before Using Holds"), "{text}");
    assert!(!text.contains("Document Owner"), "{text}");
    assert_eq!(ids(&set), ["1.1"]);
}

#[test]
fn numbers_run_into_their_headings_are_still_numbers() {
    let set = parsed(
        "Visitors Guidelines\n\nContents:\n\n1Definitions\n\n2Organisation\n\n1.Definitions\n\n\
         Visitors sign in at the office.\n\n2.Organisation\n\n\
         a)Each volunteer is linked with a member of staff.\n",
    );
    let got = ids(&set);
    assert!(got.iter().any(|i| i.starts_with('1')), "{got:?}");
    assert!(got.iter().any(|i| i.starts_with('2')), "{got:?}");
}

#[test]
fn a_run_of_bare_markers_does_not_become_empty_clauses() {
    let set = parsed(
        "Lone Working\n8. Communication\n•\n•\n•\n\nLone workers should agree a check-in time.\n\
         Lone workers should carry a charged phone.\nRadios may be provided for site staff.\n",
    );
    assert!(
        set.clauses.iter().all(|c| c.text.trim() != "•"),
        "{}",
        all_text(&set)
    );
    assert_eq!(set.clauses.len(), 3, "{}", all_text(&set));
}

#[test]
fn web_page_chrome_addresses_and_registrations_are_furniture() {
    let set = parsed(
        "top of page\n\nPhone Policy\n\nOak Tree Nursery, 4 Mill Lane, Oakham, Rutland LE15 6AA\n\
         Registered Charity Number 1234567\n\nStaff must keep phones in the office.\n\n\
         www.example.org/safety\n\nbottom of page\n",
    );
    let text = all_text(&set);
    for furniture in [
        "top of page",
        "Mill Lane",
        "Charity Number",
        "example.org",
        "bottom of page",
    ] {
        assert!(!text.contains(furniture), "{furniture} in {text}");
    }
}

#[test]
fn each_line_is_an_entry_where_paragraphs_are_one_line_each() {
    let set = parsed(
        "Phone Policy\n\nWe believe staff should give children their full attention during the working day, \
         so that every child in the nursery receives good care and education at all times. This is why phones stay away.\n\n\
         Staff must adhere to the following:\n\n\
         Mobile phones are not to be turned on during working hours\n\
         Staff may give out the nursery phone number for emergencies\n\n\
         We must also make sure that parents and visitors do not use their phones on the premises, \
         and anyone who does so will be asked to switch the phone off straight away.\n",
    );
    let modality = |start: &str| {
        set.clauses
            .iter()
            .flat_map(|c| &c.duties)
            .find(|d| d.text.starts_with(start))
            .map(|d| d.modality)
    };
    assert_eq!(modality("Mobile phones are not"), Some(Modality::MustNot));
    assert_eq!(modality("Staff may give out"), Some(Modality::May));
}

#[test]
fn a_publishers_footer_address_and_next_page_header_are_furniture() {
    let set = parsed(
        "Staff Agreement\n\nI will lock my screen when I leave my desk.\n\n\
         Northfield Learning Trust Ltd, Mill House, Bridge Road, Leeds LS1 4AB.\n\n24\n\n\
         © All rights reserved Northfield 2021\n\nNorthfield Model Policies\n\n\
         I will report any damage to equipment.\n",
    );
    let text = all_text(&set);
    assert!(!text.contains("Mill House"), "{text}");
    assert!(!text.contains("Model Policies"), "{text}");
    assert!(text.contains("report any damage"), "{text}");
}

/// A check-in log's column headings, laid out as one line, are neither a clause nor a section
/// heading; a rule after them still is.
#[test]
fn a_tables_heading_row_is_not_a_clause() {
    let text = "Lone Working Policy\n\n\
Appendix B Check-In Log\n\n\
Date Name Location Expected Finish Time Check-In Time Method\n\n\
Staff must sign the log when they arrive and when they leave.\n";
    let set = attest_domain::clauses::parse_text(text).expect("parses");
    for c in &set.clauses {
        assert!(!c.text.contains("Expected Finish"), "{c:#?}");
        assert!(!c.section.contains("Expected Finish"), "{c:#?}");
    }
    assert!(set
        .clauses
        .iter()
        .any(|c| c.text.starts_with("Staff must sign")));
}

#[test]
fn a_numbered_heading_with_a_modal_does_not_swallow_the_clause_numbered_under_it() {
    let set = parsed(
        "Concerns Procedure\n\n1. What staff should do\n1.1 Staff should tell the head about any worry the same day.\n\
         1.2 Staff must not discuss the worry with the adult concerned.\n",
    );
    let ids = ids(&set);
    assert!(ids.contains(&"1.1"), "{ids:?}");
    let first = set
        .clauses
        .iter()
        .find(|c| c.id == "1.1")
        .expect("1.1 is a clause");
    assert!(
        first.text.starts_with("Staff should tell the head"),
        "{}",
        first.text
    );
    assert_eq!(first.modality, Modality::Should);
    // The line above it, asked as a question, is the section's heading, not a duty.
    assert_eq!(first.section, "What staff should do");
    assert!(set.clauses.iter().all(|c| c.text != "What staff should do"));
}

#[test]
fn a_quoted_sentence_is_policy_text_but_a_motto_and_a_verse_are_not() {
    let set = parsed(
        "Raising Concerns Policy\n\n\"Growing together in faith.\"\n\n\
         \"Be kind to one another, tender-hearted, forgiving each other.\"\nEphesians 4:32\n\n\
         \"Let us love one another, not in word only but in deed and\ntruth.\"\n1 John 3:18\n\n\
         What Raising a Concern Means\n'Raising a concern means telling someone in authority, \
         inside or outside the\nschool, about harm, danger or wrongdoing that affects others.'\n\
         Staff must raise a concern as soon as they can.\n",
    );
    let text = all_text(&set);
    assert!(
        text.contains("'Raising a concern means telling someone"),
        "{text}"
    );
    assert!(!text.contains("Growing together"), "{text}");
    assert!(!text.contains("tender-hearted"), "{text}");
    // A verse a PDF wrapped over two lines, its reference after it.
    assert!(!text.contains("not in word only"), "{text}");
    // The quoted definition is a sentence of its section, not a heading of its own.
    assert!(
        set.clauses
            .iter()
            .all(|c| c.section == "What Raising a Concern Means"),
        "{text}"
    );
    let definition = set
        .clauses
        .iter()
        .flat_map(|c| &c.duties)
        .find(|d| d.text.contains("Raising a concern means"))
        .expect("the definition is kept");
    assert_eq!(definition.modality, Modality::Info);
}

#[test]
fn a_sentence_ending_inside_its_quotes_is_no_heading() {
    // A quotation's last line, as a PDF prints it, ends at its closing quote.
    let set = parsed(
        "Visitors Policy\n\nWho Is a Visitor\nA visitor is anyone not on our staff list.\"\n\
         Visitors sign in at the office.\n",
    );
    let text = all_text(&set);
    assert!(
        set.clauses.iter().all(|c| c.section == "Who Is a Visitor"),
        "{text}"
    );
    assert!(text.contains("anyone not on our staff list"), "{text}");
}
