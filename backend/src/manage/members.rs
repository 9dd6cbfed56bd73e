//! Making memberships at one school what a list of people describes, many at once: read
//! what is stored in a few queries, work out each person's action in memory, then write
//! only the differences, hundreds of rows per statement. An import of 10,000 staff is a
//! few dozen statements rather than 80,000.

use std::collections::HashMap;

use attest_domain::api::RowAction;
use chrono::{DateTime, Utc};

use crate::db::ids::{new_ids, time_text};
use crate::db::rows::{insert, Cell};
use crate::error::{AppResult, ResultExt};
use crate::manage::people::MemberInput;

type Tx<'a> = sqlx::Transaction<'a, sqlx::Any>;

/// Ids per `IN (…)` list: well under both databases' limits on bound values.
const IDS_PER_QUERY: usize = 500;

/// A person as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredPerson {
    /// Their id.
    pub id: String,
    /// Their name.
    pub name: String,
    /// Whether they may sign in.
    pub active: bool,
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
            Some(person) => {
                let mut action = RowAction::Unchanged;
                if person.name != input.name {
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

/// `$from, $from+1, …` for `count` values.
fn marks(from: usize, count: usize) -> String {
    (from..from + count)
        .map(|i| format!("${i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Reads what is stored about these emails' people at the school.
pub async fn load(tx: &mut Tx<'_>, school_id: &str, emails: &[&str]) -> AppResult<Stored> {
    let mut stored = Stored::default();
    for part in emails.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT id, email, name, active FROM people WHERE email IN ({})",
            marks(1, part.len())
        );
        let mut query = sqlx::query_as::<_, (String, String, String, i64)>(&sql);
        for email in part {
            query = query.bind(*email);
        }
        for (id, email, name, active) in query.fetch_all(&mut **tx).await? {
            let person = StoredPerson {
                id,
                name,
                active: active != 0,
            };
            stored.people.insert(email, person);
        }
    }
    let ids: Vec<&str> = stored.people.values().map(|p| p.id.as_str()).collect();
    for part in ids.chunks(IDS_PER_QUERY) {
        let sql = format!(
            "SELECT person_id, start_date, active FROM memberships \
             WHERE school_id = $1 AND person_id IN ({})",
            marks(2, part.len())
        );
        let mut query = sqlx::query_as::<_, (String, String, i64)>(&sql).bind(school_id);
        for id in part {
            query = query.bind(*id);
        }
        for (id, start, active) in query.fetch_all(&mut **tx).await? {
            let membership = StoredMembership {
                start,
                active: active != 0,
            };
            stored.memberships.insert(id, membership);
        }
        let sql = format!(
            "SELECT person_id, group_name FROM person_groups \
             WHERE school_id = $1 AND person_id IN ({}) ORDER BY person_id, group_name",
            marks(2, part.len())
        );
        let mut query = sqlx::query_as::<_, (String, String)>(&sql).bind(school_id);
        for id in part {
            query = query.bind(*id);
        }
        for (id, group) in query.fetch_all(&mut **tx).await? {
            stored.groups.entry(id).or_default().push(group);
        }
    }
    Ok(stored)
}

/// Writes the changes inside the caller's transaction.
pub async fn apply(
    tx: &mut Tx<'_>,
    school_id: &str,
    changes: &Changes,
    now: DateTime<Utc>,
) -> AppResult<()> {
    let created = time_text(now);
    let people: Vec<Vec<Cell>> = changes
        .new_people
        .iter()
        .map(|(id, email, name)| cells([id, email, name, &created]))
        .collect();
    insert(
        tx,
        "people",
        &["id", "email", "name", "created_at"],
        &people,
    )
    .await
    .on_unique_violation("someone with that email already exists")?;
    for (id, name) in &changes.renamed {
        sqlx::query("UPDATE people SET name = $1 WHERE id = $2")
            .bind(name)
            .bind(id)
            .execute(&mut **tx)
            .await?;
    }
    let reactivated: Vec<&str> = changes.reactivated.iter().map(String::as_str).collect();
    by_chunks(
        tx,
        "UPDATE people SET active = 1 WHERE id IN ({ids})",
        None,
        &reactivated,
    )
    .await?;
    let joined: Vec<Vec<Cell>> = changes
        .joined
        .iter()
        .map(|(id, start)| cells([id, school_id, "staff", start]))
        .collect();
    let columns = ["person_id", "school_id", "role", "start_date"];
    insert(tx, "memberships", &columns, &joined).await?;
    for (id, start) in &changes.restarted {
        sqlx::query(
            "UPDATE memberships SET start_date = $1, active = 1, left_at = NULL \
             WHERE person_id = $2 AND school_id = $3",
        )
        .bind(start)
        .bind(id)
        .bind(school_id)
        .execute(&mut **tx)
        .await?;
    }
    let regrouped: Vec<&str> = changes
        .regrouped
        .iter()
        .map(|(id, _)| id.as_str())
        .collect();
    let delete = "DELETE FROM person_groups WHERE school_id = $1 AND person_id IN ({ids})";
    by_chunks(tx, delete, Some(school_id), &regrouped).await?;
    let groups: Vec<Vec<Cell>> = changes
        .regrouped
        .iter()
        .flat_map(|(id, groups)| groups.iter().map(move |g| cells([id, school_id, g])))
        .collect();
    let columns = ["person_id", "school_id", "group_name"];
    insert(tx, "person_groups", &columns, &groups).await?;
    Ok(())
}

/// Runs `sql` for the ids a chunk at a time, `{ids}` standing for their placeholders
/// (after `$1`, the school, if one is given).
async fn by_chunks(
    tx: &mut Tx<'_>,
    sql: &str,
    school_id: Option<&str>,
    ids: &[&str],
) -> AppResult<()> {
    let from = 1 + usize::from(school_id.is_some());
    for part in ids.chunks(IDS_PER_QUERY) {
        let sql = sql.replace("{ids}", &marks(from, part.len()));
        let mut query = sqlx::query(&sql);
        if let Some(school_id) = school_id {
            query = query.bind(school_id);
        }
        for id in part {
            query = query.bind(*id);
        }
        query.execute(&mut **tx).await?;
    }
    Ok(())
}

fn cells<const N: usize>(values: [&str; N]) -> Vec<Cell> {
    values.into_iter().map(Cell::from).collect()
}

/// Reads what is stored and works out each described person's id and action, and the
/// writes that would make it so.
pub async fn prepare(
    tx: &mut Tx<'_>,
    school_id: &str,
    inputs: &[MemberInput],
) -> AppResult<(Vec<(String, RowAction)>, Changes)> {
    let emails: Vec<&str> = inputs.iter().map(|i| i.email.as_str()).collect();
    let stored = load(tx, school_id, &emails).await?;
    let fresh = inputs
        .iter()
        .filter(|i| !stored.people.contains_key(&i.email))
        .count();
    Ok(plan(&stored, inputs, new_ids(fresh).into_iter()))
}

/// Makes each described person a member of the school exactly as described, in the
/// caller's transaction; each one's id and what changed, in order.
pub async fn sync(
    tx: &mut Tx<'_>,
    school_id: &str,
    inputs: &[MemberInput],
    now: DateTime<Utc>,
) -> AppResult<Vec<(String, RowAction)>> {
    let (outcomes, changes) = prepare(tx, school_id, inputs).await?;
    apply(tx, school_id, &changes, now).await?;
    Ok(outcomes)
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
}
