//! The builder on small hand-made histories.

use super::*;

pub(super) fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, d).unwrap_or(NaiveDate::MIN)
}

/// Two people and two policies, with the attestations added in the given order.
pub(super) fn built(held: &[(&str, &str, u32, i64)]) -> Facts {
    let mut b = two_by_two();
    for &(person, version, on, record) in held {
        b.reader().held(person, version, day(on), record);
    }
    b.reader().attempt("a", "q1", day(2), None);
    b.reader().attempt("a", "q2", day(3), None);
    b.finish()
}

/// A builder holding school `s`, people `a` and `b`, and policies `p` and `q` with
/// versions `p1`, `p2`, `q1` and `q2`.
pub(super) fn two_by_two() -> Builder {
    let mut b = Builder::default();
    b.school("s", "School");
    for person in ["a", "b"] {
        b.member(NewMember {
            person_id: person,
            name: person,
            email: person,
            known_from: day(1),
            school_id: "s",
            start_date: day(1),
            role: "staff",
            active: true,
            pause: None,
        });
    }
    for policy in ["p", "q"] {
        b.policy(policy, "s", policy);
        for seq in 1..=2 {
            b.version(
                policy,
                VersionFacts {
                    id: format!("{policy}{seq}"),
                    seq,
                    label: String::new(),
                    published_on: day(1),
                    requires_reattestation: false,
                    review_period_months: 12,
                    grace_days: 30,
                    lesson_count: 1,
                    text_sha256: String::new(),
                },
            );
        }
    }
    b
}

#[test]
fn attestations_arriving_in_any_order_are_kept_by_person_policy_and_day() {
    let grouped = built(&[
        ("a", "p2", 9, 4),
        ("a", "p1", 5, 1),
        ("a", "q1", 6, 2),
        ("b", "p1", 7, 3),
    ]);
    let scattered = built(&[
        ("a", "p2", 9, 4),
        ("b", "p1", 7, 3),
        ("a", "p1", 5, 1),
        ("a", "q1", 6, 2),
    ]);
    for facts in [&grouped, &scattered] {
        assert_eq!(facts.held.len(), 4, "no gaps are kept");
        let a_p: Vec<(u32, u32)> = facts
            .held_of(0, 0)
            .iter()
            .map(|h| (h.seq, h.record))
            .collect();
        assert_eq!(a_p, vec![(1, 1), (2, 4)], "oldest first");
        assert_eq!(facts.held_of(0, 1).len(), 1);
        assert_eq!(facts.held_of(1, 0)[0].record, 3);
        assert!(facts.held_of(1, 1).is_empty());
        // Work on an attested version is dropped; on one not attested, kept.
        let work: Vec<u32> = facts.work_of(0, 1).iter().map(|w| w.seq as u32).collect();
        assert_eq!(work, vec![2]);
    }
}

#[test]
fn history_read_in_parts_adds_up_to_one_read() {
    // (person, version, day): a attests p1 and tries q1; b attests q2 and tries p2 and q1.
    let held = [("a", "p1", 5), ("b", "q2", 6), ("a", "p2", 8)];
    let tried = [
        ("a", "q1", 2),
        ("b", "p2", 3),
        ("b", "q1", 4),
        ("a", "p1", 1),
    ];
    let read = |r: &mut Reader<'_>, only: Option<&str>| {
        let mine = |person: &str| only.is_none_or(|o| o == person);
        for (i, &(person, version, on)) in held.iter().enumerate() {
            if mine(person) {
                r.held(person, version, day(on), i as i64);
            }
        }
        for &(person, version, on) in &tried {
            if mine(person) {
                r.attempt(person, version, day(on), Some(day(on + 1)));
                r.progress(person, version, 1, day(on), false);
            }
        }
    };
    let mut one = two_by_two();
    read(&mut one.reader(), None);
    let mut parts = two_by_two();
    let (keys, history) = parts.history();
    let mut other = History::default();
    read(&mut Reader::new(keys, history), Some("b"));
    read(&mut Reader::new(keys, &mut other), Some("a"));
    history.absorb(other);
    let (one, parts) = (one.finish(), parts.finish());
    for person in 0..2 {
        for policy in 0..2 {
            assert_eq!(one.held_of(person, policy), parts.held_of(person, policy));
            let work = |f: &Facts| -> Vec<(u32, i64, AttemptFacts)> {
                let all = f.work_of(person, policy).iter();
                all.map(|w| (w.policy, w.seq, w.work)).collect()
            };
            assert_eq!(work(&one), work(&parts), "person {person}, policy {policy}");
        }
    }
    assert_eq!(
        one.held_of(0, 0).len(),
        2,
        "a's attestations of p, one part's"
    );
    assert_eq!(
        parts.work_of(1, 0).len(),
        1,
        "b's attempt on p2, the other's"
    );
}
