//! Catching up on small hand-made histories: the result must be what building afresh gives.

use chrono::NaiveDate;
use foldhash::{HashSet, HashSetExt};

use super::super::tests::{built, day, two_by_two};
use super::*;
use crate::standings::{AttemptFacts, HeldFacts};

/// A record of history as the loader reads it: (person, version, what).
type Row = (&'static str, &'static str, Logged);

/// Facts built afresh from rows, in the loader's order (attestations, attempts, reading).
fn afresh(rows: &[Row]) -> Facts {
    let mut b = two_by_two();
    for &(person, version, record) in rows {
        if let Logged::Held(on, chain) = record {
            b.reader().held(person, version, on, chain);
        }
    }
    for &(person, version, record) in rows {
        match record {
            Logged::Attempt(started, passed) => {
                b.reader().attempt(person, version, started, passed)
            }
            Logged::Progress(done, on) => b.reader().progress(person, version, done, on, false),
            Logged::Held(..) => {}
        }
    }
    b.finish()
}

/// One person's attestations and work on one policy.
type PolicyHistory = (Vec<HeldFacts>, Vec<(u32, i64, AttemptFacts)>);

/// Everything a status is judged from, per person and policy.
fn history(f: &Facts) -> Vec<PolicyHistory> {
    let mut all = Vec::new();
    for person in 0..2 {
        for policy in 0..2 {
            let work = f.work_of(person, policy);
            all.push((
                f.held_of(person, policy).to_vec(),
                work.iter().map(|w| (w.policy, w.seq, w.work)).collect(),
            ));
        }
    }
    all
}

fn attempt(started: u32, passed: Option<u32>) -> Logged {
    Logged::Attempt(day(started), passed.map(day))
}

#[test]
fn applying_logged_records_gives_what_loading_afresh_gives() {
    let before: Vec<Row> = vec![
        ("a", "p1", Logged::Held(day(2), 1)),
        ("a", "q1", attempt(3, None)),
        ("b", "p2", Logged::Progress(1, day(3))),
    ];
    // As the log has them, in order: a quiz started, then submitted (passed), then the
    // attestation; lessons saved twice (the second replaces the first); an attempt on a
    // version already attested; a later attempt that cannot move the first start.
    let logged: Vec<Row> = vec![
        ("a", "q1", attempt(5, None)),
        ("a", "q1", attempt(5, Some(6))),
        ("a", "q1", Logged::Held(day(6), 7)),
        ("b", "p2", Logged::Progress(2, day(7))),
        ("b", "p2", Logged::Progress(1, day(8))),
        ("a", "p1", attempt(8, Some(8))),
        ("b", "q2", attempt(4, None)),
        ("b", "q2", attempt(9, Some(9))),
    ];
    let old = afresh(&before);
    let nobody = HashSet::new();
    let mut over = Over::new(&old, &nobody);
    assert!(!over.changed());
    for &(person, version, record) in &logged {
        over.apply(person, version, record);
    }
    assert!(over.changed());
    let caught = over.finish();
    let all: Vec<Row> = before.iter().chain(&logged).copied().collect();
    assert_eq!(history(&caught), history(&afresh(&all)));
    // And the records themselves landed: a's q1 is attested, b's q2 started on day 4.
    assert_eq!(caught.held_of(0, 1)[0].record, 7);
    assert!(
        caught.work_of(0, 1).is_empty(),
        "work on an attested version is dropped"
    );
    let b_q2 = caught.work_of(1, 1)[0].work;
    assert_eq!(
        (b_q2.started_on, b_q2.passed_on),
        (Some(day(4)), Some(day(9)))
    );
}

#[test]
fn records_of_people_and_versions_not_held_change_nothing() {
    let old = built(&[("a", "p1", 5, 1)]);
    let nobody = HashSet::new();
    let mut over = Over::new(&old, &nobody);
    over.apply("stranger", "p1", Logged::Held(day(9), 2));
    over.apply("a", "elsewhere1", Logged::Held(day(9), 3));
    assert!(!over.changed());
    assert_eq!(history(&over.finish()), history(&old));
}

#[test]
fn people_read_again_take_their_history_from_the_read_alone() {
    let old = built(&[("a", "p1", 5, 1), ("b", "p1", 7, 3), ("b", "q2", 8, 5)]);
    let mut again = HashSet::new();
    again.insert("a".to_string());
    let mut over = Over::new(&old, &again);
    // The log's record of a is skipped: the read below already holds what it says.
    over.apply("a", "q2", Logged::Held(day(9), 9));
    over.apply("b", "q1", Logged::Held(day(9), 7));
    let read = over.reading_again();
    read.reader().held("a", "p2", day(9), 6);
    read.reader().attempt("a", "q1", day(4), Some(day(6)));
    let facts = over.finish();
    let records = |f: &Facts, person, policy| -> Vec<u32> {
        f.held_of(person, policy).iter().map(|h| h.record).collect()
    };
    assert_eq!(
        records(&facts, 0, 0),
        vec![6],
        "a's attestations, as read again"
    );
    assert!(
        records(&facts, 0, 1).is_empty(),
        "a's logged record was skipped"
    );
    assert_eq!(records(&facts, 1, 0), records(&old, 1, 0), "b's kept");
    assert_eq!(
        records(&facts, 1, 1),
        vec![5, 7],
        "b's logged record applied"
    );
    let work = |f: &Facts, person, policy| -> Vec<(i64, Option<NaiveDate>)> {
        f.work_of(person, policy)
            .iter()
            .map(|w| (w.seq, w.work.passed_on))
            .collect()
    };
    assert_eq!(work(&old, 0, 1), vec![(1, None), (2, None)]);
    assert_eq!(
        work(&facts, 0, 1),
        vec![(1, Some(day(6)))],
        "a's work, as read again"
    );
    assert_eq!(facts.member_count(), old.member_count());
}
