//! Every sample: each clause number appears once with its text, and furniture never becomes a duty.

use std::collections::HashSet;

use crate::helpers::{clause, sample, sample_text, SAMPLES};

/// Ids expected in full, with a fragment of each clause's text.
fn expect_ids(stem: &str, ids: &[(&str, &str)]) {
    let set = sample(stem);
    for (id, fragment) in ids {
        let c = clause(&set, id);
        assert!(
            c.text.contains(fragment),
            "{stem} {id}: {:?} lacks {fragment:?}",
            c.text
        );
    }
}

#[test]
fn every_clause_id_is_unique_in_every_sample() {
    for stem in SAMPLES {
        let set = sample(stem);
        let mut seen = HashSet::new();
        for c in &set.clauses {
            assert!(seen.insert(c.id.clone()), "{stem}: {} twice", c.id);
        }
    }
}

#[test]
fn parsing_twice_gives_the_same_ids() {
    for stem in SAMPLES {
        assert_eq!(sample(stem), sample(stem), "{stem}");
    }
}

#[test]
fn chad_vale_items_restart_in_each_section_and_take_the_section_number() {
    let mut ids = vec![
        ("1.1", "This policy applies to"),
        ("1.2", "E-Safety Policy"),
    ];
    ids.extend([
        ("2.1", "personal and professional lives separate"),
        ("2.6", "accurate, fair"),
    ]);
    ids.extend([
        ("3.3", "decline 'friend requests'"),
        (
            "3.12",
            "private or confidential information about themselves cannot be accessed",
        ),
    ]);
    ids.extend([("4.1", "can only use official"), ("4.3", "positive light")]);
    ids.extend([
        ("5.1", "monitors usage"),
        ("5.2", "no expectation of privacy"),
    ]);
    ids.extend([
        ("6.1", "disciplinary action"),
        ("6.2", "liable to third parties"),
    ]);
    expect_ids("chad-vale-primary", &ids);
    let set = sample("chad-vale-primary");
    let numbered: Vec<&str> = set.clauses.iter().map(|c| c.id.as_str()).collect();
    let expected: Vec<String> = [(1, 2), (2, 6), (3, 12), (4, 3), (5, 2), (6, 2)]
        .iter()
        .flat_map(|&(s, n)| (1..=n).map(move |i| format!("{s}.{i}")))
        .collect();
    assert_eq!(numbered, expected);
}

#[test]
fn chad_vale_clause_carried_over_a_blank_line_keeps_its_whole_text() {
    let set = sample("chad-vale-primary");
    assert!(clause(&set, "3.12")
        .text
        .ends_with("cannot be accessed or used maliciously."));
}

#[test]
fn cameley_three_level_numbers_appear_once_each_with_their_text() {
    let set = sample("cameley-primary");
    let text = sample_text("cameley-primary");
    let number = regex::Regex::new(r"(?m)^(?:- )?(\d+\.\d+\.\d+) ").expect("regex");
    let in_source: Vec<&str> = number
        .captures_iter(&text)
        .map(|c| c.get(1).map_or("", |m| m.as_str()))
        .collect();
    assert!(in_source.len() >= 55);
    for id in in_source {
        let matches = set.clauses.iter().filter(|c| c.id == id).count();
        assert_eq!(matches, 1, "cameley {id}");
    }
    expect_ids(
        "cameley-primary",
        &[
            ("2.3.12", "must never post derogatory remarks"),
            ("2.4.6", "use school ICT equipment"),
            (
                "2.7.2",
                "brought into the workplace. This will raise serious concerns",
            ),
        ],
    );
}

#[test]
fn cameley_list_under_a_clause_stays_in_that_clause() {
    let set = sample("cameley-primary");
    let c = clause(&set, "1.1.1");
    assert!(c
        .text
        .contains("- prevent adults abusing or misusing their position of trust."));
    assert!(clause(&set, "3.1.1").text.contains("- Code of Conduct;"));
}

#[test]
fn forge_numbers_alone_on_their_line_take_the_text_below() {
    let mut ids: Vec<(&str, &str)> = vec![
        ("1.1", "range of social media tools"),
        ("2.3", "irrespective of the medium"),
    ];
    ids.extend([
        ("3.1", "disclosure of confidential"),
        ("4.1", "Internet Use Policy"),
        ("5.3", "entitled to express"),
    ]);
    ids.extend([
        (
            "6.4",
            "friend requests’ from pupils they receive in their personal social media accounts.",
        ),
        ("6.7", "logos or brands must not be published"),
    ]);
    ids.extend([
        ("7.3", "minimum age requirements."),
        ("8.2", "privacy in anything they create"),
        ("9.1", "Disciplinary Policy"),
    ]);
    expect_ids("forge-integrated-primary", &ids);
    let set = sample("forge-integrated-primary");
    let expected = [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "5.1", "5.2", "5.3", "5.4",
        "5.5", "5.6", "6.1", "6.2", "6.3", "6.4", "6.5", "6.6", "6.7", "6.8", "6.9", "7.1", "7.2",
        "7.3", "7.4", "8.1", "8.2", "9.1",
    ];
    let ids: Vec<&str> = set.clauses.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(ids, expected);
}

#[test]
fn unnumbered_policies_get_positional_ids_under_their_headings() {
    let set = sample("noble-mind-school");
    let c = set
        .clauses
        .iter()
        .find(|c| c.text.starts_with("Staff must not place a child at risk"))
        .expect("clause");
    assert!(c.id.starts_with('s') && c.id.contains(".p"), "{}", c.id);
    assert_eq!(c.section, "When using social media at any time");
    let st = sample("st-annes-primary");
    assert!(st.clauses.iter().all(|c| c.id.starts_with('s')));
    assert!(st
        .clauses
        .iter()
        .any(|c| c.section == "Important considerations"));
}

#[test]
fn wrapped_lines_are_joined_into_whole_sentences() {
    let set = sample("noble-mind-school");
    let c = set
        .clauses
        .iter()
        .find(|c| c.text.starts_with("Staff must follow statutory"))
        .expect("clause");
    assert_eq!(c.text, "Staff must follow statutory and school safeguarding procedures at all times when using social media.");
}

/// Furniture fragments per sample that must never appear in any clause.
const FURNITURE: [(&str, &[&str]); 5] = [
    (
        "cameley-primary",
        &[
            "Nurturing Faith",
            "Matthew 17:20",
            "Colossians",
            "Ratified",
            "Review Period",
            "Objectives\t2",
            "Contents",
            "Social Media Policy",
            "Let the words of Christ",
        ],
    ),
    (
        "chad-vale-primary",
        &["Reviewed May 2014", "Social Media Policy"],
    ),
    (
        "forge-integrated-primary",
        &["[image:", "image2.jpg", "INTRODUCTION", "LEGAL FRAMEWORK"],
    ),
    (
        "noble-mind-school",
        &[
            "pioneer in education",
            "noble mind",
            "excel beyond",
            "Wisdom is better",
            "Tolerance",
            "Generosity",
            "CORE VALUES",
        ],
    ),
    (
        "st-annes-primary",
        &[
            "Date agreed",
            "6th November 2017",
            "St Anne's C of E Primary School\n",
        ],
    ),
];

#[test]
fn contents_vision_dates_and_images_never_become_clauses() {
    for (stem, fragments) in FURNITURE {
        let set = sample(stem);
        for c in &set.clauses {
            for f in fragments {
                assert!(
                    !c.text.contains(f),
                    "{stem} {}: furniture {f:?} in {:?}",
                    c.id,
                    c.text
                );
            }
        }
    }
}

#[test]
fn cameley_contents_lines_are_not_clauses() {
    let set = sample("cameley-primary");
    let headings = [
        "Objectives",
        "Communication with pupils (including",
        "Section 3 : Links",
    ];
    assert!(set
        .clauses
        .iter()
        .all(|c| headings.iter().all(|h| !c.text.starts_with(h))));
}

#[test]
fn a_clause_modality_is_its_strongest_duty() {
    for stem in SAMPLES {
        for c in sample(stem).clauses {
            let strongest = c.duties.iter().map(|d| d.modality).max();
            assert_eq!(
                Some(c.modality),
                strongest.or(Some(c.modality)),
                "{stem} {}",
                c.id
            );
        }
    }
}

#[test]
fn audiences_and_topics_are_read() {
    use attest_domain::clauses::Audience;
    let st = sample("st-annes-primary");
    let c = st
        .clauses
        .iter()
        .find(|c| {
            c.text
                .starts_with("Staff, governors, parents and carers must not disclose")
        })
        .expect("clause");
    assert_eq!(
        c.audience,
        vec![
            Audience::Staff,
            Audience::Governors,
            Audience::ParentsCarers
        ]
    );
    assert!(c.topics.contains(&"confidentiality".to_owned()));
    let noble = sample("noble-mind-school");
    let c = noble
        .clauses
        .iter()
        .find(|c| c.text.starts_with("should ensure there is a system"))
        .expect("clause");
    assert_eq!(c.audience, vec![Audience::Headteacher]);
    let chad = sample("chad-vale-primary");
    assert!(clause(&chad, "3.3")
        .topics
        .contains(&"friend-requests".to_owned()));
    assert!(clause(&chad, "3.5")
        .topics
        .contains(&"ex-pupils".to_owned()));
    assert!(clause(&chad, "3.7")
        .topics
        .contains(&"images-of-pupils".to_owned()));
    assert!(clause(&chad, "1.1").audience.contains(&Audience::Governors));
}

#[test]
fn titles_and_organisations_are_read() {
    assert_eq!(
        sample("cameley-primary").policy.organisation.as_deref(),
        Some("Cameley Church of England Primary School")
    );
    assert_eq!(
        sample("chad-vale-primary").policy.title,
        "Social Media Policy"
    );
    assert_eq!(
        sample("forge-integrated-primary")
            .policy
            .organisation
            .as_deref(),
        Some("Forge Integrated Primary School")
    );
}

#[test]
fn the_outline_lists_every_clause() {
    let set = sample("chad-vale-primary");
    let text = attest_domain::clauses::outline(&set);
    assert!(text.starts_with("Social Media Policy"));
    for c in &set.clauses {
        assert!(text.contains(&format!("\n{} [", c.id)), "{}", c.id);
    }
}
