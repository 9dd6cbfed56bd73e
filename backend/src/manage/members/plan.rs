//! Working out, in memory, what makes stored memberships what a list describes.

use std::collections::HashMap;

use attest_domain::api::RowAction;

use crate::manage::people::MemberInput;

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Whether they may sign in.
    pub active: bool,
    /// Whether the manager may change their identity (see `Manager::may_edit`): if not,
    /// their name stays theirs, and if they are not a member here they are invited.
    pub editable: bool,
}

/// A membership at the school as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredMembership {
    /// Its start date, `YYYY-MM-DD`.
    pub start: String,
    /// Whether it is current.
    pub active: bool,
}

/// What is stored about the people a list names, at one school.
#[derive(Debug, Default)]
pub struct Stored {
    /// People by email.
    pub people: HashMap<String, StoredPerson>,
    /// Their memberships by person id.
    pub memberships: HashMap<String, StoredMembership>,
    /// Their groups by person id, sorted.
    pub groups: HashMap<String, Vec<String>>,
}

/// The writes that bring the stored state to the described one.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// New people: id, email, name.
    pub new_people: Vec<(String, String, String)>,
    /// People whose name changes: id, new name.
    pub renamed: Vec<(String, String)>,
    /// People who may sign in again.
    pub reactivated: Vec<String>,
    /// New memberships: person id, start date.
    pub joined: Vec<(String, String)>,
    /// Memberships made current again or given a new start date: person id, start date.
    pub restarted: Vec<(String, String)>,
    /// People whose groups at the school are replaced: id, groups.
    pub regrouped: Vec<(String, Vec<String>)>,
    /// People asked to confirm joining: id, start date, groups.
    pub invited: Vec<(String, String, Vec<String>)>,
}

/// Each described person's id and action, and the writes that make it so. Emails must be
/// distinct (the import refuses a repeated one); `ids` supplies ids for new people.
pub fn plan(
    stored: &Stored,
    inputs: &[MemberInput],
    mut ids: impl Iterator<Item = String>,
) -> (Vec<(String, RowAction)>, Changes) {
    let mut changes = Changes::default();
    let mut outcomes = Vec::with_capacity(inputs.len());
    for input in inputs {
        let start = input.start_date.format("%Y-%m-%d").to_string();
        let (id, mut action) = match stored.people.get(&input.email) {
            None => {
                let id = ids.next().expect("an id for every new person");
                changes
                    .new_people
                    .push((id.clone(), input.email.clone(), input.name.clone()));
                (id, RowAction::Create)
            }
            Some(person) if !person.editable && !stored.memberships.contains_key(&person.id) => {
                let invite = (person.id.clone(), start, input.groups.clone());
                changes.invited.push(invite);
                outcomes.push((person.id.clone(), RowAction::Invite));
                continue;
            }
            Some(person) => {
                let mut action = RowAction::Unchanged;
                if person.name != input.name && person.editable {
                    changes
                        .renamed
                        .push((person.id.clone(), input.name.clone()));
                    action = RowAction::Update;
                }
                if !person.active {
                    changes.reactivated.push(person.id.clone());
                    action = RowAction::Reactivate;
                }
                (person.id.clone(), action)
            }
        };
        match stored.memberships.get(&id) {
            None => {
                changes.joined.push((id.clone(), start));
                if action != RowAction::Reactivate {
                    action = RowAction::Create;
                }
            }
            Some(membership) => {
                if !membership.active {
                    action = RowAction::Reactivate;
                } else if membership.start != start && action == RowAction::Unchanged {
                    action = RowAction::Update;
                }
                if !membership.active || membership.start != start {
                    changes.restarted.push((id.clone(), start));
                }
            }
        }
        let current = stored.groups.get(&id).map_or(&[][..], Vec::as_slice);
        if current != input.groups.as_slice() {
            changes.regrouped.push((id.clone(), input.groups.clone()));
            if action == RowAction::Unchanged {
                action = RowAction::Update;
            }
        }
        outcomes.push((id, action));
    }
    (outcomes, changes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn input(email: &str, name: &str, groups: &[&str], start: &str) -> MemberInput {
        MemberInput {
            name: name.into(),
            email: email.into(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            start_date: NaiveDate::parse_from_str(start, "%Y-%m-%d").unwrap(),
        }
    }

    fn stored() -> Stored {
        let mut s = Stored::default();
        let person = |id: &str, name: &str, active| StoredPerson {
            id: id.into(),
            name: name.into(),
            active,
            editable: true,
        };
        s.people.insert("ann@x".into(), person("p1", "Ann", true));
        s.people.insert("bob@x".into(), person("p2", "Bob", false));
        s.people.insert("cy@x".into(), person("p3", "Cy", true));
        let membership = |start: &str, active| StoredMembership {
            start: start.into(),
            active,
        };
        s.memberships
            .insert("p1".into(), membership("2026-09-01", true));
        s.memberships
            .insert("p2".into(), membership("2026-09-01", false));
        s.groups.insert("p1".into(), vec!["teaching".into()]);
        s
    }

    #[test]
    fn each_person_gets_the_action_the_stored_state_calls_for() {
        let inputs = [
            input("ann@x", "Ann", &["teaching"], "2026-09-01"),
            input("ann@x", "Ann Smith", &["teaching"], "2026-09-01"),
            input("bob@x", "Bob", &[], "2026-09-01"),
            input("cy@x", "Cy", &["support"], "2026-09-01"),
            input("di@x", "Di", &["support", "teaching"], "2026-10-01"),
        ];
        let ids = ["new1".to_string()].into_iter();
        let (outcomes, changes) = plan(&stored(), &inputs[..1], ids.clone());
        assert_eq!(outcomes, vec![("p1".into(), RowAction::Unchanged)]);
        assert_eq!(changes, Changes::default(), "nothing to write");

        let (outcomes, changes) = plan(&stored(), &inputs[1..], ids);
        let actions: Vec<RowAction> = outcomes.iter().map(|(_, a)| *a).collect();
        assert_eq!(
            actions,
            vec![
                RowAction::Update,
                RowAction::Reactivate,
                RowAction::Create,
                RowAction::Create
            ]
        );
        assert_eq!(outcomes[3].0, "new1");
        assert_eq!(changes.renamed, vec![("p1".into(), "Ann Smith".into())]);
        assert_eq!(changes.reactivated, vec!["p2".to_string()]);
        assert_eq!(changes.restarted, vec![("p2".into(), "2026-09-01".into())]);
        let joined: Vec<&str> = changes.joined.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(joined, vec!["p3", "new1"]);
        let regrouped: Vec<&str> = changes
            .regrouped
            .iter()
            .map(|(id, _)| id.as_str())
            .collect();
        assert_eq!(
            regrouped,
            vec!["p3", "new1"],
            "Bob had no groups and gets none"
        );
        assert_eq!(
            changes.new_people,
            vec![("new1".into(), "di@x".into(), "Di".into())]
        );
    }

    #[test]
    fn a_new_start_date_is_an_update() {
        let inputs = [input("ann@x", "Ann", &["teaching"], "2026-10-01")];
        let (outcomes, changes) = plan(&stored(), &inputs, std::iter::empty());
        assert_eq!(outcomes[0].1, RowAction::Update);
        assert_eq!(changes.restarted, vec![("p1".into(), "2026-10-01".into())]);
        assert!(changes.regrouped.is_empty());
    }

    #[test]
    fn someone_the_manager_does_not_own_is_invited_or_kept_as_they_are() {
        let mut stored = stored();
        for person in stored.people.values_mut() {
            person.editable = false;
        }
        let inputs = [
            input("cy@x", "Renamed Cy", &["support"], "2026-09-01"),
            input("ann@x", "Renamed Ann", &["support"], "2026-09-01"),
        ];
        let (outcomes, changes) = plan(&stored, &inputs, std::iter::empty());
        assert_eq!(outcomes[0], ("p3".into(), RowAction::Invite));
        assert_eq!(
            changes.invited,
            vec![("p3".into(), "2026-09-01".into(), vec!["support".into()])]
        );
        assert!(changes.joined.is_empty(), "not a member until they confirm");
        assert!(changes.renamed.is_empty(), "nobody's name is changed");
        assert_eq!(outcomes[1].1, RowAction::Update, "Ann's groups here change");
        assert_eq!(
            changes.regrouped,
            vec![("p1".into(), vec!["support".into()])]
        );
    }
}
