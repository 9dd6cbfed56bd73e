//! The completion matrix: people × policies with a status per cell, filtered, searched, sorted, paged.

use std::collections::BTreeSet;

use attest_domain::api::{
    Matrix, MatrixCell, MatrixQuery, MatrixRow, NamedRef, PolicyColumn, Status,
};
use chrono::NaiveDate;

use crate::error::{AppError, AppResult};
use crate::standings::Facts;

/// Rows per page unless asked otherwise.
const DEFAULT_PER_PAGE: u32 = 50;
/// Most rows per page.
const MAX_PER_PAGE: u32 = 500;

/// How bad a status is, for "worst first" sorting.
fn urgency(status: Status) -> u8 {
    match status {
        Status::Overdue => 0,
        Status::NotStarted => 1,
        Status::InProgress => 2,
        Status::Passed => 3,
        Status::DueSoon => 4,
        Status::Attested => 5,
        Status::Paused => 6,
    }
}

/// How rows are ordered.
#[derive(Debug, Clone, Copy)]
enum Sort {
    Name,
    Email,
    School,
    Status,
    Due,
}

fn sort_of(query: &MatrixQuery) -> AppResult<Sort> {
    Ok(match query.sort.as_deref().unwrap_or("name") {
        "name" => Sort::Name,
        "email" => Sort::Email,
        "school" => Sort::School,
        "status" => Sort::Status,
        "due" => Sort::Due,
        other => {
            return Err(AppError::Unprocessable(format!(
                "unknown sort \"{other}\"; use name, email, school, status or due"
            )))
        }
    })
}

/// A matching row before it is built: its member, worst status and soonest due date.
struct RowKey<'a> {
    member: usize,
    /// The name in lower case, for sorting.
    name: String,
    email: &'a str,
    school_name: &'a str,
    worst: u8,
    soonest: Option<NaiveDate>,
}

/// The matrix as row keys (sorted), with its columns and every group of its school(s).
struct Found<'a> {
    columns: Vec<usize>,
    rows: Vec<RowKey<'a>>,
    groups: Vec<String>,
}

/// Finds and sorts the matching rows without building them: at 100,000 people only the
/// page shown is built.
fn find<'a>(facts: &'a Facts, today: NaiveDate, query: &MatrixQuery) -> AppResult<Found<'a>> {
    let sort = sort_of(query)?;
    let school = query.school.as_deref();
    let columns: Vec<usize> = (0..facts.policies.len())
        .filter(|&p| facts.policies[p].version_at(today).is_some())
        .filter(|&p| !matches!(school, Some(s) if facts.policies[p].school_id != s))
        .collect();
    let needle = query
        .q
        .as_deref()
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    let group = query.group.as_deref().filter(|g| !g.is_empty());
    let mut seen = vec![false; facts.labels().len()];
    let mut rows = Vec::new();
    for (m, member) in facts.members().enumerate() {
        if school.is_some_and(|s| member.school_id != s) {
            continue;
        }
        for &g in member.group_labels {
            seen[g as usize] = true;
        }
        if group.is_some_and(|g| !member.in_group(g)) {
            continue;
        }
        if let Some(n) = &needle {
            if !member.name.to_lowercase().contains(n) && !member.email.to_lowercase().contains(n) {
                continue;
            }
        }
        let (mut worst, mut soonest, mut wanted) = (u8::MAX, None::<NaiveDate>, false);
        for &p in &columns {
            let Some(c) = facts.cell(m, p, today) else {
                continue;
            };
            let status = c.view.status;
            worst = worst.min(urgency(status));
            if status != Status::Attested {
                soonest = Some(soonest.map_or(c.view.due, |s| s.min(c.view.due)));
            }
            wanted |= query.status == Some(status);
        }
        if query.status.is_some() && !wanted {
            continue;
        }
        rows.push(RowKey {
            member: m,
            name: member.name.to_lowercase(),
            email: member.email,
            school_name: member.school_name,
            worst,
            soonest,
        });
    }
    let by_name = |a: &RowKey<'_>, b: &RowKey<'_>| {
        a.name
            .cmp(&b.name)
            .then_with(|| a.email.cmp(b.email))
            .then_with(|| a.school_name.cmp(b.school_name))
    };
    match sort {
        Sort::Name => rows.sort_by(by_name),
        Sort::Email => rows.sort_by(|a, b| a.email.cmp(b.email).then(by_name(a, b))),
        Sort::School => rows.sort_by(|a, b| a.school_name.cmp(b.school_name).then(by_name(a, b))),
        Sort::Status => rows.sort_by(|a, b| a.worst.cmp(&b.worst).then(by_name(a, b))),
        // Rows with nothing due sort last.
        Sort::Due => rows.sort_by(|a, b| {
            (a.soonest.is_none(), a.soonest)
                .cmp(&(b.soonest.is_none(), b.soonest))
                .then(by_name(a, b))
        }),
    }
    let labels = facts.labels();
    let groups: BTreeSet<&str> = seen
        .iter()
        .enumerate()
        .filter(|(_, seen)| **seen)
        .map(|(g, _)| labels[g].as_str())
        .collect();
    Ok(Found {
        columns,
        rows,
        groups: groups.into_iter().map(str::to_string).collect(),
    })
}

/// The columns' headings.
fn headings(facts: &Facts, today: NaiveDate, columns: &[usize]) -> Vec<PolicyColumn> {
    columns
        .iter()
        .map(|&p| {
            let policy = &facts.policies[p];
            PolicyColumn {
                policy_id: policy.id.clone(),
                title: policy.title.clone(),
                version_label: policy
                    .version_at(today)
                    .map(|v| v.label.clone())
                    .unwrap_or_default(),
                school_name: facts
                    .schools
                    .iter()
                    .find(|s| s.id == policy.school_id)
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            }
        })
        .collect()
}

/// One row of the matrix.
fn row(facts: &Facts, today: NaiveDate, columns: &[usize], m: usize) -> MatrixRow {
    let member = facts.member(m);
    MatrixRow {
        person_id: member.person_id.to_string(),
        name: member.name.to_string(),
        email: member.email.to_string(),
        school_name: member.school_name.to_string(),
        groups: member.group_names(),
        cells: columns
            .iter()
            .map(|&p| {
                facts.cell(m, p, today).map(|c| MatrixCell {
                    status: c.view.status,
                    due: c.view.due,
                })
            })
            .collect(),
    }
}

/// Every matching row (unpaged) with the columns, as at `today`.
pub fn all_rows(
    facts: &Facts,
    today: NaiveDate,
    query: &MatrixQuery,
) -> AppResult<(Vec<PolicyColumn>, Vec<MatrixRow>, Vec<String>)> {
    let found = find(facts, today, query)?;
    let rows = found
        .rows
        .iter()
        .map(|k| row(facts, today, &found.columns, k.member))
        .collect();
    Ok((headings(facts, today, &found.columns), rows, found.groups))
}

/// One page of the matrix.
pub fn page(facts: &Facts, today: NaiveDate, query: &MatrixQuery) -> AppResult<Matrix> {
    let per_page = query.per_page.unwrap_or(DEFAULT_PER_PAGE);
    if per_page == 0 || per_page > MAX_PER_PAGE {
        return Err(AppError::Unprocessable(format!(
            "per_page must be 1 to {MAX_PER_PAGE}"
        )));
    }
    let page = query.page.unwrap_or(1).max(1);
    let found = find(facts, today, query)?;
    let total = u32::try_from(found.rows.len()).unwrap_or(u32::MAX);
    let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let rows = found
        .rows
        .iter()
        .skip(skip)
        .take(per_page as usize)
        .map(|k| row(facts, today, &found.columns, k.member))
        .collect();
    Ok(Matrix {
        policies: headings(facts, today, &found.columns),
        rows,
        total,
        page,
        per_page,
        groups: found.groups,
        schools: school_choices(facts),
    })
}

/// The schools of the matrix, by name, for its school filter.
fn school_choices(facts: &Facts) -> Vec<NamedRef> {
    let mut schools: Vec<NamedRef> = facts
        .schools
        .iter()
        .map(|s| NamedRef {
            id: s.id.clone(),
            name: s.name.clone(),
        })
        .collect();
    schools.sort_by(|a, b| a.name.cmp(&b.name));
    schools
}
