//! Modules built from the samples: every duty appears once, lessons stay short.

use crate::helpers::{sample, SAMPLES};
use attest_domain::module::build_module;

#[test]
fn every_duty_of_every_sample_appears_in_its_module() {
    for (name, _) in SAMPLES {
        let set = sample(name);
        let module = build_module(&set);
        let duties: usize = set
            .clauses
            .iter()
            .map(|c| c.duties.iter().filter(|d| d.modality.is_duty()).count())
            .sum();
        let points: usize = module.lessons.iter().map(|l| l.key_points.len()).sum();
        assert_eq!(points, duties, "{name}");
        assert!(
            module.lessons.iter().all(|l| l.key_points.len() <= 5),
            "{name}"
        );
        assert!(module.reading_minutes >= 1, "{name}");
    }
}

#[test]
fn key_points_speak_to_the_reader_and_carry_no_information_only_sentences() {
    for (name, _) in SAMPLES {
        let module = build_module(&sample(name));
        let points: Vec<_> = module.lessons.iter().flat_map(|l| &l.key_points).collect();
        assert!(points.iter().all(|p| p.modality.is_duty()), "{name}");
        let second_person = points
            .iter()
            .filter(|p| p.plain.contains("You ") || p.plain.contains("you "))
            .count();
        assert!(
            second_person * 2 >= points.len(),
            "{name}: only {second_person} of {} key points address the reader",
            points.len()
        );
    }
}
