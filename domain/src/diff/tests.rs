//! The diff's cases: renumbering, strength, wording only, action and holder changes.

use super::*;
use crate::clauses::parse_text;

fn set(body: &str) -> ClauseSet {
    parse_text(&format!("Staff Conduct Policy\n\n1. Rules\n\n{body}")).unwrap()
}

#[test]
fn the_same_text_has_no_changes() {
    let a = set("1.1 Staff must lock their screens.\n1.2 Staff must not share passwords.\n");
    let d = diff(&a, &a);
    assert!(!d.duty_changed());
    assert_eq!(d.unchanged, 2);
}

#[test]
fn added_removed_and_changed_duties_are_told_apart() {
    let old = set("1.1 Staff must lock their screens when leaving a room.\n\
         1.2 Staff must not share passwords with anyone.\n\
         1.3 Staff should wear a lanyard at all times.\n");
    let new = set("1.1 Staff must lock their screens when leaving a room.\n\
         1.2 Staff must never share passwords with anyone, including colleagues.\n\
         1.3 Staff must report a lost badge to the office the same day.\n");
    let d = diff(&old, &new);
    assert_eq!(d.unchanged, 1);
    assert_eq!(d.count(ChangeKind::Changed), 1, "{d:#?}");
    assert_eq!(d.count(ChangeKind::Added), 1, "{d:#?}");
    assert_eq!(d.count(ChangeKind::Removed), 1, "{d:#?}");
    let changed = d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Changed)
        .unwrap();
    assert!(changed
        .before
        .as_ref()
        .unwrap()
        .text
        .contains("share passwords"));
    assert!(changed.after.as_ref().unwrap().text.contains("colleagues"));
    let removed = d
        .changes
        .iter()
        .find(|c| c.kind == ChangeKind::Removed)
        .unwrap();
    assert!(removed.before.as_ref().unwrap().text.contains("lanyard"));
}

#[test]
fn renumbering_alone_is_not_a_change() {
    let old = set("1.1 Staff must lock their screens.\n1.2 Staff must not share passwords.\n");
    let new = set("1.1 This policy explains our rules.\n\
         1.2 Staff must lock their screens.\n\
         1.3 Staff must not share passwords.\n");
    let d = diff(&old, &new);
    assert!(!d.duty_changed(), "{d:#?}");
    assert_eq!(d.unchanged, 2);
}

#[test]
fn a_stronger_modality_with_the_same_words_is_a_change() {
    let old = set("1.1 Staff should report concerns to the safeguarding lead.\n");
    let new = set("1.1 Staff must report concerns to the safeguarding lead.\n");
    let d = diff(&old, &new);
    assert_eq!(d.count(ChangeKind::Changed), 1, "{d:#?}");
    let c = &d.changes[0];
    assert_eq!(c.before.as_ref().unwrap().modality, Modality::Should);
    assert_eq!(c.after.as_ref().unwrap().modality, Modality::Must);
    assert_eq!(c.class, ChangeClass::DutyChanged);
}

#[test]
fn a_reworded_duty_is_wording_only_and_asks_nobody_to_re_attest() {
    let old = set("1.1 Staff must lock their screens when leaving the classroom.\n");
    let new = set("1.1 Staff must always lock the screens when they leave the classroom.\n");
    let d = diff(&old, &new);
    assert_eq!(d.count_class(ChangeClass::WordingOnly), 1, "{d:#?}");
    assert!(!d.duty_changed());
    assert!(d.material().changes.is_empty());
}

#[test]
fn a_new_action_or_holder_is_a_duty_changed() {
    let old = set("1.1 Staff must report concerns to the safeguarding lead.\n");
    let action =
        set("1.1 Staff must report concerns to the headteacher and the safeguarding lead.\n");
    let d = diff(&old, &action);
    assert_eq!(d.count_class(ChangeClass::DutyChanged), 1, "{d:#?}");
    assert!(d.duty_changed());
    let governors = set("1.1 Governors must report concerns to the safeguarding lead.\n");
    let d = diff(&old, &governors);
    assert!(d.duty_changed(), "{d:#?}");
}

#[test]
fn added_and_removed_duties_are_material() {
    let old = set("1.1 Staff must wear a badge.\n");
    let new = set("1.1 Staff must wear a badge.\n1.2 Staff must not lend it to a visitor.\n");
    assert_eq!(diff(&old, &new).changes[0].class, ChangeClass::Added);
    assert_eq!(diff(&new, &old).changes[0].class, ChangeClass::Removed);
    assert!(diff(&new, &old).duty_changed());
}
