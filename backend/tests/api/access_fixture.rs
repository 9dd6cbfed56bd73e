//! The cast and the ids of the access matrix: seven actors and real ids of one member of staff.

use attest_domain::api::{AttemptView, ModuleSummary};

use crate::helpers::{TestApp, PASSWORD};
use crate::manage::support::{
    client_for, complete_training, manager, person_id, policy_id, school_id, staff, take_quiz,
    CAMELEY, CHAD,
};
use attest::on_db;

/// Who is asking, in the order of the expected table's columns.
pub const ACTORS: [&str; 9] = [
    "anonymous",
    "staff (the owner)",
    "colleague at the same school",
    "manager of the same school",
    "manager of another school of the same trust",
    "trust manager of another trust",
    "admin",
    "manager who has left the owner's school (now staff elsewhere)",
    "colleague who also works at another school",
];

/// Actors entitled to see the owner's personal data: the owner, their school's manager, an admin.
pub const ENTITLED: [bool; 9] = [false, true, false, true, false, false, true, false, false];

/// Actors who belong to the owner's school or may manage it (they may see its name).
/// (A manager who has left may: it is their own history, on their own page.)
pub const IN_SCHOOL: [bool; 9] = [false, true, true, true, false, false, true, true, true];

/// The emails actors sign in with (`None`: anonymous).
pub struct Cast {
    pub emails: [Option<String>; 9],
}

/// The ids substituted into path parameters: all belong to the owner or their school.
pub struct Ids {
    pub school: String,
    pub trust: String,
    pub person: String,
    pub policy: String,
    pub version: String,
    /// A drawn, unsubmitted attempt (for submit).
    pub fresh_attempt: String,
    pub fresh_questions: usize,
    /// A passed, unattested attempt (for attest).
    pub passed_attempt: String,
    pub attestation: String,
    pub code: String,
    /// What must not reach anyone not entitled.
    pub owner_email: String,
    pub owner_name: String,
    pub school_name: String,
    /// The owner's group (the colleague is in it too, with training outstanding).
    pub group: String,
}

/// Adds a person with the test password; returns their id.
pub async fn add_person(app: &TestApp, email: &str, name: &str) -> String {
    let id = format!("p-{}", attest::db::ids::random_hex(6));
    let (hash,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT password_hash FROM people WHERE email = $1"
    )
    .bind(staff(CHAD))
    .fetch_one(e)
    .await)
    .unwrap();
    on_db!(app.db, |e| sqlx::query(
        "INSERT INTO people (id, email, name, password_hash, active, created_at) \
         VALUES ($1, $2, $3, $4, 1, '2026-01-01T00:00:00Z')",
    )
    .bind(&id)
    .bind(email)
    .bind(name)
    .bind(hash)
    .execute(e)
    .await
    .rows_affected())
    .unwrap();
    id
}

async fn exec(app: &TestApp, sql: &str, binds: &[&str]) {
    on_db!(app.db, |e| {
        let mut query = sqlx::query(sql);
        for b in binds {
            query = query.bind(*b);
        }
        query.execute(e).await.rows_affected()
    })
    .unwrap();
}

/// Adds a member of staff to the owner's school, in `group`, with training outstanding.
pub async fn add_member(app: &TestApp, email: &str, name: &str, group: &str) {
    let chad = school_id(app, CHAD).await;
    let id = add_person(app, email, name).await;
    exec(
        app,
        "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, 'staff', '2026-01-01')",
        &[&id, &chad],
    )
    .await;
    exec(
        app,
        "INSERT INTO person_groups (person_id, school_id, group_name) VALUES ($1, $2, $3)",
        &[&id, &chad, group],
    )
    .await;
}

/// Creates the colleague, a second trust with its school and trust manager, and an admin.
pub async fn cast(app: &TestApp) -> Cast {
    let (group,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT g.group_name FROM person_groups g JOIN people p ON p.id = g.person_id WHERE p.email = $1",
    )
    .bind(staff(CHAD))
    .fetch_one(e).await)
    .unwrap();
    add_member(
        app,
        "colleague@chad-vale-primary.example",
        "Cora Colleague",
        &group,
    )
    .await;
    exec(
        app,
        "INSERT INTO trusts (id, name) VALUES ('t-other', 'Other Trust')",
        &[],
    )
    .await;
    exec(
        app,
        "INSERT INTO schools (id, trust_id, name, slug) VALUES ('s-other', 't-other', 'Other School', 'other-school')",
        &[],
    )
    .await;
    let foreign = add_person(app, "trust@other.example", "Fay Foreign").await;
    exec(
        app,
        "INSERT INTO trust_roles (person_id, trust_id, role) VALUES ($1, 't-other', 'trust_manager')",
        &[&foreign],
    )
    .await;
    exec(
        app,
        "INSERT INTO trusts (id, name) VALUES ('t-inviting', 'Inviting Trust')",
        &[],
    )
    .await;
    exec(
        app,
        "INSERT INTO schools (id, trust_id, name, slug) VALUES ($1, 't-inviting', 'Inviting School', 'inviting-school')",
        &[INVITING],
    )
    .await;
    let chad = school_id(app, CHAD).await;
    // Managed the owner's school once, and now works as staff at another trust's school.
    let left = add_person(app, "left.manager@attest.example", "Lee Left").await;
    exec(
        app,
        "INSERT INTO memberships (person_id, school_id, role, start_date, active, left_at) \
         VALUES ($1, $2, 'school_manager', '2025-01-01', 0, '2026-07-31T00:00:00Z')",
        &[&left, &chad],
    )
    .await;
    exec(
        app,
        "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, 's-other', 'staff', '2026-08-01')",
        &[&left],
    )
    .await;
    // Staff at the owner's school (in the owner's group) and at another school of the trust.
    add_member(app, "two.schools@attest.example", "Tam Two", &group).await;
    let cameley = school_id(app, CAMELEY).await;
    let two = person_id(app, "two.schools@attest.example").await;
    exec(
        app,
        "INSERT INTO memberships (person_id, school_id, role, start_date) VALUES ($1, $2, 'staff', '2026-01-01')",
        &[&two, &cameley],
    )
    .await;
    let admin = add_person(app, "admin@attest.example", "Ada Admin").await;
    exec(
        app,
        "INSERT INTO trust_roles (person_id, trust_id, role) VALUES ($1, 't-other', 'admin')",
        &[&admin],
    )
    .await;
    Cast {
        emails: [
            None,
            Some(staff(CHAD)),
            Some("colleague@chad-vale-primary.example".into()),
            Some(manager(CHAD)),
            Some(manager(CAMELEY)),
            Some("trust@other.example".into()),
            Some("admin@attest.example".into()),
            Some("left.manager@attest.example".into()),
            Some("two.schools@attest.example".into()),
        ],
    }
}

/// A school in a trust of its own, with no managers: invitations come from it, so that
/// answering one makes nobody in the cast entitled to anything new.
const INVITING: &str = "s-inviting";

/// Asks the owner to join the inviting school; the invitation's id.
pub async fn new_invitation(app: &TestApp, ids: &Ids) -> String {
    let id = format!("i-{}", attest::db::ids::random_hex(6));
    exec(
        app,
        "DELETE FROM invitations WHERE person_id = $1",
        &[&ids.person],
    )
    .await;
    exec(
        app,
        "INSERT INTO invitations (id, person_id, school_id, groups, start_date, invited_by, created_at) \
         VALUES ($1, $2, $3, 'teaching', '2026-09-01', $2, '2026-09-01T00:00:00Z')",
        &[&id, &ids.person, INVITING],
    )
    .await;
    id
}

impl Cast {
    /// A new client for an actor, signed in unless anonymous.
    pub async fn client(&self, app: &TestApp, actor: usize) -> reqwest::Client {
        match &self.emails[actor] {
            Some(email) => client_for(app, email).await,
            None => app.new_client(),
        }
    }

    /// The sign-in body an actor would send (anonymous: an unknown account).
    pub fn sign_in_body(&self, actor: usize) -> serde_json::Value {
        let email = self.emails[actor]
            .clone()
            .unwrap_or_else(|| "nobody@example.org".into());
        serde_json::json!({ "email": email, "password": PASSWORD })
    }
}

/// The owner completes training once, passes a second quiz without attesting, and draws a third.
pub async fn ids(app: &TestApp) -> Ids {
    let owner = staff(CHAD);
    let receipt = complete_training(app, &owner).await;
    let client = client_for(app, &owner).await;
    let modules: Vec<ModuleSummary> = client
        .get(app.url("/api/me/modules"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let version = modules[0].version_id.clone();
    let passed_attempt = take_quiz(app, &client, &version, |q| q.answer).await;
    let fresh: AttemptView = client
        .post(app.url(&format!("/api/modules/{version}/attempts")))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let person = person_id(app, &owner).await;
    let (owner_name,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT name FROM people WHERE id = $1"
    )
    .bind(&person)
    .fetch_one(e)
    .await)
    .unwrap();
    let (group,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT group_name FROM person_groups WHERE person_id = $1"
    )
    .bind(&person)
    .fetch_one(e)
    .await)
    .unwrap();
    Ids {
        group,
        school: school_id(app, CHAD).await,
        trust: trust_id_of_demo(app).await,
        person,
        policy: policy_id(app, CHAD).await,
        version,
        fresh_attempt: fresh.id,
        fresh_questions: fresh.questions.len(),
        passed_attempt,
        attestation: receipt.id,
        code: receipt.code,
        owner_email: owner,
        owner_name,
        school_name: receipt.school_name,
    }
}

async fn trust_id_of_demo(app: &TestApp) -> String {
    let (id,): (String,) = on_db!(app.db, |e| sqlx::query_as(
        "SELECT trust_id FROM schools WHERE slug = $1"
    )
    .bind(CHAD)
    .fetch_one(e)
    .await)
    .unwrap();
    id
}
