//! The engine measured on real policies it was not built from (issue #21).
//!
//! Labels are ours, in `dev/` and `held/`; the texts are read from `../shared/policies-extra`
//! (or `ATTEST_POLICIES_EXTRA`). Develop against `dev` only: its misses are printed with
//! `HELDOUT_VERBOSE=1`; the `held` half prints its figures and nothing else. Print them with
//! `cargo test -p attest-domain --test heldout -- --nocapture`.

mod labels;
mod score;
mod settings;

use score::Figures;

/// Scores a half and prints its figures (and, for `dev` with `HELDOUT_VERBOSE`, each miss).
fn figures(half: &str) -> Option<Figures> {
    let policies = labels::load(half);
    if policies.is_empty() {
        eprintln!(
            "{half}: no policy texts at {}; skipped",
            labels::texts_dir().display()
        );
        return None;
    }
    let verbose = half == "dev" && std::env::var_os("HELDOUT_VERBOSE").is_some();
    let mut total = Figures::default();
    for policy in &policies {
        let mut misses = Vec::new();
        let f = score::score(policy, &mut misses);
        if verbose {
            println!(
                "{half} {}: strength {} ids {} lookup {} furniture {}",
                policy.name, f.strength, f.ids, f.lookup, f.furniture
            );
            for m in misses {
                println!("  {m}");
            }
        }
        total.merge(f);
    }
    println!(
        "{half}: strength {} ({:.1}%), clause numbers {} ({:.1}%), look-up {} ({:.1}%), furniture kept out {} ({:.1}%)",
        total.strength,
        100.0 * total.strength.share(),
        total.ids,
        100.0 * total.ids.share(),
        total.lookup,
        100.0 * total.lookup.share(),
        total.furniture,
        100.0 * total.furniture.share(),
    );
    Some(total)
}

/// Asserts that no figure fell below its floor: the floors are the figures last reached,
/// so a change that loses ground fails here.
fn at_least(half: &str, f: Figures, floors: [f64; 4]) {
    let got = [
        f.strength.share(),
        f.ids.share(),
        f.lookup.share(),
        f.furniture.share(),
    ];
    let names = ["strength", "clause numbers", "look-up", "furniture"];
    for ((name, got), floor) in names.iter().zip(got).zip(floors) {
        assert!(
            got + 1e-9 >= floor,
            "{half}: {name} fell to {:.1}% (floor {:.1}%)",
            100.0 * got,
            100.0 * floor
        );
    }
}

#[test]
fn the_dev_half_keeps_its_figures() {
    if let Some(f) = figures("dev") {
        at_least("dev", f, [1.0, 1.0, 0.9, 1.0]);
    }
}

#[test]
fn the_held_out_half_keeps_its_figures() {
    if let Some(f) = figures("held") {
        at_least("held", f, [0.934, 1.0, 0.883, 0.68]);
    }
}

#[test]
fn every_label_names_text_found_once_in_its_policy() {
    for half in ["dev", "held"] {
        for policy in labels::load(half) {
            let text = score::norm(&policy.text);
            for s in &policy.labels.modality_samples {
                let key: String = score::norm(&s.text_start).chars().take(45).collect();
                assert!(
                    text.matches(key.as_str()).count() == 1,
                    "{}: {:?} is not in the text exactly once",
                    policy.name,
                    s.text_start
                );
            }
        }
    }
}
