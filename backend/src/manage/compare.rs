//! A trust's schools compared topic by topic: who has a duty on each topic, how strong, and the gaps.

use std::collections::BTreeMap;

use attest_domain::api::{QuotedClause, TopicCell, TopicRow, TrustComparison};
use attest_domain::clauses::topics;
use attest_domain::{ClauseSet, Modality};

use crate::db::Db;
use crate::error::AppResult;
use crate::manage::policies::read_set;
use crate::on_db;

/// Compares schools' current clause sets (several policies per school allowed), in topic-list order.
pub fn compare(trust_name: String, schools: &[(String, Vec<ClauseSet>)]) -> TrustComparison {
    // topic → school index → (strongest duty, clause ids)
    let mut found: BTreeMap<&str, BTreeMap<usize, (Modality, Vec<QuotedClause>)>> = BTreeMap::new();
    for (i, (_, sets)) in schools.iter().enumerate() {
        for clause in sets.iter().flat_map(|s| &s.clauses) {
            let strongest = clause
                .duties
                .iter()
                .map(|d| d.modality)
                .filter(|m| m.is_duty())
                .max();
            let Some(strongest) = strongest else { continue };
            for topic in &clause.topics {
                let entry = found
                    .entry(topic.as_str())
                    .or_default()
                    .entry(i)
                    .or_insert((strongest, Vec::new()));
                entry.0 = entry.0.max(strongest);
                entry.1.push(QuotedClause {
                    id: clause.id.clone(),
                    text: clause.text.clone(),
                });
            }
        }
    }
    let rows = topics()
        .iter()
        .filter_map(|topic| {
            let by_school = found.get(topic.id.as_str())?;
            let cells: Vec<TopicCell> = schools
                .iter()
                .enumerate()
                .map(|(i, (name, _))| TopicCell {
                    school_name: name.clone(),
                    strongest: by_school.get(&i).map(|(m, _)| *m),
                    clauses: by_school
                        .get(&i)
                        .map(|(_, c)| c.clone())
                        .unwrap_or_default(),
                })
                .collect();
            Some(TopicRow {
                topic: topic.id.clone(),
                label: topic.label.clone(),
                gap: cells.iter().any(|c| c.strongest.is_none()),
                schools: cells,
            })
        })
        .collect();
    TrustComparison {
        trust_name,
        schools: schools.iter().map(|(n, _)| n.clone()).collect(),
        topics: rows,
    }
}

/// Loads each school's current policy versions and compares them.
pub async fn compare_trust(
    db: &Db,
    trust_name: String,
    school_ids: &[String],
) -> AppResult<TrustComparison> {
    let mut schools = Vec::new();
    for id in school_ids {
        let (name,): (String,) = on_db!(db, |e| sqlx::query_as(
            "SELECT name FROM schools WHERE id = $1"
        )
        .bind(id)
        .fetch_one(e)
        .await)?;
        let rows: Vec<(String,)> = on_db!(db, |e| {
            sqlx::query_as(
            "SELECT v.clause_set FROM policies p JOIN policy_versions v ON v.policy_id = p.id \
             WHERE p.school_id = $1 AND v.seq = (SELECT MAX(seq) FROM policy_versions WHERE policy_id = p.id)",
        )
        .bind(id)
        .fetch_all(e).await
        })?;
        let sets = rows
            .iter()
            .map(|(json,)| read_set(json))
            .collect::<AppResult<Vec<_>>>()?;
        schools.push((name, sets));
    }
    Ok(compare(trust_name, &schools))
}

#[cfg(test)]
mod tests {
    use super::*;
    use attest_domain::clauses::parse_text;

    #[test]
    fn a_topic_only_some_schools_cover_is_a_gap_and_the_strongest_duty_wins() {
        let a = parse_text(
            "Policy A\n\n1. Pupils\n\n1.1 Staff must not accept friend requests from pupils.\n\
             1.2 Staff should not accept friend requests from parents.\n",
        )
        .unwrap();
        let b =
            parse_text("Policy B\n\n1. Passwords\n\n1.1 Staff must keep their passwords secret.\n")
                .unwrap();
        let cmp = compare("T".into(), &[("A".into(), vec![a]), ("B".into(), vec![b])]);
        let friends = cmp
            .topics
            .iter()
            .find(|t| t.topic == "friend-requests")
            .expect("topic found");
        assert!(friends.gap);
        assert_eq!(friends.schools[0].strongest, Some(Modality::MustNot));
        assert_eq!(friends.schools[1].strongest, None);
        let quoted = &friends.schools[0].clauses[0];
        assert_eq!(quoted.id, "1.1");
        assert!(quoted
            .text
            .contains("must not accept friend requests from pupils"));
    }
}
