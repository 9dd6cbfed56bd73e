//! Who may manage a school: its school managers, its trust's managers, and admins.

use crate::db::Db;
use crate::error::AppResult;

/// Whether a person may manage a school: role school_manager there, trust_manager
/// of the school's trust, or admin (a trust role or a membership role anywhere).
pub async fn can_manage_school(db: &Db, person_id: &str, school_id: &str) -> AppResult<bool> {
    let (n,): (i64,) = sqlx::query_as(
        "SELECT COUNT(*) FROM people pe WHERE pe.id = $1 AND pe.active = 1 AND ( \
           EXISTS (SELECT 1 FROM memberships m WHERE m.person_id = pe.id \
                   AND ((m.school_id = $2 AND m.role = 'school_manager') OR m.role = 'admin')) \
           OR EXISTS (SELECT 1 FROM trust_roles t WHERE t.person_id = pe.id AND (t.role = 'admin' \
                   OR (t.role = 'trust_manager' AND t.trust_id = (SELECT trust_id FROM schools WHERE id = $2)))))",
    )
    .bind(person_id)
    .bind(school_id)
    .fetch_one(&db.pool)
    .await?;
    Ok(n > 0)
}
