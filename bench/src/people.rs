//! The synthetic trust's people: memberships, history, managers, and signed-in load clients.

use std::collections::HashMap;

use chrono::{DateTime, Duration, Utc};

use crate::seed::{copy_id, school_id, SeedPolicy, Seeded, Shape};
use attest::auth::session::{token_hash, SESSION_LIFETIME};
use attest::chain::{AttestationRecord, NewAttestation, GENESIS};
use attest::db::ids::{random_hex, time_text};
use attest::db::rows::{insert, Cell};
use attest::error::AppResult;
use attest::on_db;

/// People seeded per round of INSERTs: bounds memory at 100,000 people.
const CHUNK: usize = 2_000;

/// One concurrent client of the load: a device that many staff sign in on in turn.
#[derive(Debug, Clone)]
pub struct LoadClient {
    /// Unsubmitted attempts, each of its own person, and their right answers.
    pub attempts: Vec<LoadAttempt>,
}

/// An attempt created during seeding, with its person's session and the answers that pass it.
#[derive(Debug, Clone)]
pub struct LoadAttempt {
    /// The attempt's id.
    pub id: String,
    /// Its person's session token.
    pub token: String,
    /// The right answers.
    pub answers: Vec<Option<usize>>,
}

use attest::db::Tx;

const QUESTION_COLUMNS: &[&str] = &["attempt_id", "questions"];

const ATTEMPT_COLUMNS: &[&str] = &[
    "id",
    "person_id",
    "version_id",
    "seed",
    "answers",
    "score",
    "total",
    "passed",
    "created_at",
    "submitted_at",
];

const ATTESTATION_COLUMNS: &[&str] = &[
    "id",
    "school_id",
    "seq",
    "person_id",
    "version_id",
    "text_sha256",
    "attempt_id",
    "score",
    "total",
    "attested_at",
    "ip",
    "user_agent",
    "prev_hash",
    "hash",
    "code",
];

/// Seeds people, managers and load clients; `trust_id` and `schools` of the result are the caller's.
pub async fn seed_people(
    tx: &mut Tx,
    shape: &Shape,
    policies: &[SeedPolicy],
    password_hash: &str,
    trust_id: &str,
    now: DateTime<Utc>,
) -> AppResult<Seeded> {
    let created = time_text(now - Duration::days(500));
    let mut heads: HashMap<usize, (i64, String)> = HashMap::new();
    let mut attestations = 0;
    for start in (0..shape.people).step_by(CHUNK) {
        let end = (start + CHUNK).min(shape.people);
        let (mut people, mut members, mut groups) = (Vec::new(), Vec::new(), Vec::new());
        let (mut attempts, mut questions, mut attested) = (Vec::new(), Vec::new(), Vec::new());
        for i in start..end {
            let (person, school) = (format!("u{i}"), i % shape.schools);
            people.push(person_row(
                &person,
                &format!("Person {i:06}"),
                password_hash,
                &created,
            ));
            let start_date = (now - Duration::days((i % 200) as i64)).date_naive();
            members.push(vec![
                person.as_str().into(),
                school_id(school).into(),
                "staff".into(),
                start_date.to_string().into(),
            ]);
            groups.push(vec![
                person.as_str().into(),
                school_id(school).into(),
                "teaching".into(),
            ]);
            for (k, policy) in policies.iter().enumerate() {
                let roll = (i * 7 + k * 13) % 10;
                if roll > 6 {
                    continue;
                }
                let at = time_text(now - Duration::days(((i + k * 37) % 400) as i64));
                let (attempt, version) = (format!("a{i}_{k}"), copy_id(school, &policy.version_id));
                questions.push(vec![attempt.as_str().into(), "[]".into()]);
                attempts.push(vec![
                    attempt.as_str().into(),
                    person.as_str().into(),
                    version.as_str().into(),
                    Cell::Int(1),
                    "[]".into(),
                    Cell::Int(if roll < 6 { 8 } else { 5 }),
                    Cell::Int(10),
                    Cell::Int(i64::from(roll < 6)),
                    at.as_str().into(),
                    at.as_str().into(),
                ]);
                if roll < 6 {
                    let head = heads.entry(school).or_insert((0, GENESIS.to_string()));
                    let record = AttestationRecord {
                        id: format!("t{i}_{k}"),
                        seq: head.0 + 1,
                        prev_hash: head.1.clone(),
                        code: format!("B{i}-{k}"),
                        fields: NewAttestation {
                            school_id: school_id(school),
                            person_id: person.clone(),
                            version_id: version,
                            text_sha256: policy.text_sha256.clone(),
                            attempt_id: attempt,
                            score: 8,
                            total: 10,
                            attested_at: at,
                            ip: "127.0.0.1".into(),
                            user_agent: "bench".into(),
                            source_sha256: None,
                        },
                    };
                    let hash = record.hash();
                    *head = (record.seq, hash.clone());
                    attested.push(attestation_row(record, hash));
                }
            }
        }
        attestations += attested.len();
        insert(tx, "people", PERSON_COLUMNS, &people).await?;
        insert(tx, "memberships", MEMBER_COLUMNS, &members).await?;
        insert(tx, "person_groups", GROUP_COLUMNS, &groups).await?;
        insert(tx, "attempts", ATTEMPT_COLUMNS, &attempts).await?;
        insert(tx, "attempt_questions", QUESTION_COLUMNS, &questions).await?;
        insert(tx, "attestations", ATTESTATION_COLUMNS, &attested).await?;
    }
    let (manager_token, trust_manager_token) =
        seed_managers(tx, shape, password_hash, &created, trust_id, now).await?;
    let clients = seed_load_clients(tx, shape, policies, now).await?;
    Ok(Seeded {
        trust_id: trust_id.to_string(),
        schools: Vec::new(),
        manager_token,
        trust_manager_token,
        clients,
        attestations,
    })
}

const PERSON_COLUMNS: &[&str] = &["id", "email", "name", "password_hash", "created_at"];
const MEMBER_COLUMNS: &[&str] = &["person_id", "school_id", "role", "start_date"];
const GROUP_COLUMNS: &[&str] = &["person_id", "school_id", "group_name"];

fn person_row(id: &str, name: &str, hash: &str, created: &str) -> Vec<Cell> {
    vec![
        id.into(),
        format!("{id}@bench.example").into(),
        name.into(),
        hash.into(),
        created.into(),
    ]
}

fn attestation_row(record: AttestationRecord, hash: String) -> Vec<Cell> {
    let f = record.fields;
    vec![
        record.id.into(),
        f.school_id.into(),
        Cell::Int(record.seq),
        f.person_id.into(),
        f.version_id.into(),
        f.text_sha256.into(),
        f.attempt_id.into(),
        Cell::Int(f.score),
        Cell::Int(f.total),
        f.attested_at.into(),
        f.ip.into(),
        f.user_agent.into(),
        record.prev_hash.into(),
        hash.into(),
        record.code.into(),
    ]
}

/// A manager per school (`m{n}`, for escalation digests) and one trust manager; their tokens.
async fn seed_managers(
    tx: &mut Tx,
    shape: &Shape,
    password_hash: &str,
    created: &str,
    trust_id: &str,
    now: DateTime<Utc>,
) -> AppResult<(String, String)> {
    let mut people: Vec<Vec<Cell>> = (0..shape.schools)
        .map(|n| {
            person_row(
                &format!("m{n}"),
                &format!("Manager {n}"),
                password_hash,
                created,
            )
        })
        .collect();
    people.push(person_row("tm", "Trust Manager", password_hash, created));
    insert(tx, "people", PERSON_COLUMNS, &people).await?;
    let members: Vec<Vec<Cell>> = (0..shape.schools)
        .map(|n| {
            vec![
                format!("m{n}").into(),
                school_id(n).into(),
                "school_manager".into(),
                "2020-01-01".into(),
            ]
        })
        .collect();
    insert(tx, "memberships", MEMBER_COLUMNS, &members).await?;
    on_db!(tx, |e| sqlx::query(
        "INSERT INTO trust_roles (person_id, trust_id, role) VALUES ('tm', $1, 'trust_manager')",
    )
    .bind(trust_id)
    .execute(e)
    .await
    .rows_affected())?;
    let tokens = [session(), session()];
    insert_sessions(tx, &[("m0", &tokens[0]), ("tm", &tokens[1])], now).await?;
    Ok((tokens[0].clone(), tokens[1].clone()))
}

/// Signed-in people with unsubmitted attempts, dealt out to the load's clients.
///
/// As in a real September, each attempt is a different person's or a different policy's:
/// the people in turn, then each of them again with their next policy. (Giving every
/// client one person who attested the same few policies dozens of times made each
/// person's history far longer than a real one.)
async fn seed_load_clients(
    tx: &mut Tx,
    shape: &Shape,
    policies: &[SeedPolicy],
    now: DateTime<Utc>,
) -> AppResult<Vec<LoadClient>> {
    let created = time_text(now);
    let mut clients = Vec::new();
    let (mut rows, mut questions) = (Vec::new(), Vec::new());
    let mut tokens: Vec<Option<String>> = vec![None; shape.people];
    let mut next = 0;
    for &n in shape.load_attempts.iter().take(shape.people) {
        let mut attempts = Vec::new();
        for _ in 0..n {
            let (person, round) = (next % shape.people, next / shape.people);
            let policy = &policies[(person + round) % policies.len()];
            let id = format!("l{next}");
            next += 1;
            questions.push(vec![id.as_str().into(), policy.questions.as_str().into()]);
            rows.push(vec![
                id.as_str().into(),
                format!("u{person}").into(),
                copy_id(person % shape.schools, &policy.version_id).into(),
                Cell::Int(1),
                Cell::Null,
                Cell::NullInt,
                Cell::Int(policy.answers.len() as i64),
                Cell::NullInt,
                created.as_str().into(),
                Cell::Null,
            ]);
            attempts.push(LoadAttempt {
                id,
                token: tokens[person].get_or_insert_with(session).clone(),
                answers: policy.answers.clone(),
            });
        }
        clients.push(LoadClient { attempts });
    }
    insert(tx, "attempts", ATTEMPT_COLUMNS, &rows).await?;
    insert(tx, "attempt_questions", QUESTION_COLUMNS, &questions).await?;
    let people: Vec<String> = (0..shape.people).map(|p| format!("u{p}")).collect();
    let pairs: Vec<(&str, &str)> = people
        .iter()
        .zip(&tokens)
        .filter_map(|(p, t)| Some((p.as_str(), t.as_deref()?)))
        .collect();
    insert_sessions(tx, &pairs, now).await?;
    Ok(clients)
}

fn session() -> String {
    random_hex(32)
}

async fn insert_sessions(tx: &mut Tx, pairs: &[(&str, &str)], now: DateTime<Utc>) -> AppResult<()> {
    let (created, expires) = (time_text(now), time_text(now + SESSION_LIFETIME));
    let rows: Vec<Vec<Cell>> = pairs
        .iter()
        .map(|(person, token)| {
            vec![
                token_hash(token).into(),
                (*person).into(),
                created.as_str().into(),
                expires.as_str().into(),
            ]
        })
        .collect();
    insert(
        tx,
        "sessions",
        &["token_hash", "person_id", "created_at", "expires_at"],
        &rows,
    )
    .await
}
