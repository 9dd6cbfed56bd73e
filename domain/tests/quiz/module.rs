//! Modules built from the samples: every clause is taught somewhere, lessons stay short, and the
//! plain words keep what the policy says (its conditions, its names, whose duty it is).

use crate::helpers::{sample, SAMPLES};
use attest_domain::module::{build_module, KeyPoint, Module};
use attest_domain::Modality;

fn plain_words(module: &Module) -> Vec<&str> {
    module
        .lessons
        .iter()
        .flat_map(|l| &l.key_points)
        .map(|p| p.plain.as_str())
        .collect()
}

#[test]
fn every_clause_and_duty_of_every_sample_appears_in_its_module() {
    for (name, _) in SAMPLES {
        let set = sample(name);
        let module = build_module(&set);
        let points: Vec<_> = module.lessons.iter().flat_map(|l| &l.key_points).collect();
        for clause in &set.clauses {
            let duties = clause
                .duties
                .iter()
                .filter(|d| d.modality.is_duty())
                .count();
            let taught: Vec<&KeyPoint> = points
                .iter()
                .copied()
                .filter(|p| p.clause_id == clause.id)
                .collect();
            let (duty_points, notes): (Vec<&KeyPoint>, Vec<&KeyPoint>) =
                taught.into_iter().partition(|p| p.modality.is_duty());
            assert_eq!(duty_points.len(), duties, "{name} clause {}", clause.id);
            assert!(notes.len() <= 1, "{name} clause {}", clause.id);
            assert!(
                !duty_points.is_empty() || !notes.is_empty(),
                "{name}: clause {} is in no lesson",
                clause.id
            );
        }
        assert!(
            module.lessons.iter().all(|l| l.key_points.len() <= 5),
            "{name}"
        );
        assert!(module.reading_minutes >= 1, "{name}");
    }
}

#[test]
fn duties_speak_to_the_reader_and_notes_keep_the_policys_words() {
    for (name, _) in SAMPLES {
        let module = build_module(&sample(name));
        let points: Vec<_> = module.lessons.iter().flat_map(|l| &l.key_points).collect();
        let duties: Vec<_> = points.iter().filter(|p| p.modality.is_duty()).collect();
        let second_person = duties
            .iter()
            .filter(|p| p.plain.contains("You ") || p.plain.contains("you "))
            .count();
        assert!(
            second_person * 2 >= duties.len(),
            "{name}: only {second_person} of {} duties address the reader",
            duties.len()
        );
        for note in points.iter().filter(|p| p.modality == Modality::Info) {
            assert_eq!(note.plain, note.quote, "{name} clause {}", note.clause_id);
        }
    }
}

#[test]
fn staff_are_told_what_a_breach_leads_to() {
    let module = build_module(&sample("chad_vale"));
    let breaches = module
        .lessons
        .iter()
        .find(|l| l.section.to_lowercase().contains("breach"))
        .expect("a lesson on breaches of the policy");
    assert!(breaches
        .key_points
        .iter()
        .any(|p| p.plain.contains("disciplinary action")));
}

#[test]
fn rewriting_keeps_conditions_referents_and_names() {
    let module = build_module(&sample("chad_vale"));
    let words = plain_words(&module);
    let all = words.join("\n");
    // "they" here are the ex-pupils, not the reader.
    assert!(
        all.contains("ex-pupils where they may have younger siblings"),
        "{all}"
    );
    assert!(!all.contains("ex-pupils where you"), "{all}");
    assert!(!all.contains("chad vale"), "{all}");
    assert!(
        all.contains("If you receive such requests from them, you must discuss"),
        "{all}"
    );
}

#[test]
fn someone_elses_duties_are_not_taught_as_the_readers() {
    let module = build_module(&sample("noble_mind"));
    let words = plain_words(&module);
    let trained = words
        .iter()
        .find(|w| w.contains("new staff are trained"))
        .expect("the principals' duty to train staff is taught");
    assert!(!trained.starts_with("You "), "{trained}");
    assert!(trained.contains("headteacher"), "{trained}");
}
