//! The completion matrix: people × policies with a status per cell, filtered, searched, sorted, paged.

use std::collections::BTreeSet;

use attest_domain::api::{Matrix, MatrixCell, MatrixQuery, MatrixRow, PolicyColumn, Status};
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
    }
}

/// Every matching row (unpaged) with the columns, as at `today`.
pub fn all_rows(
    facts: &Facts,
    today: NaiveDate,
    query: &MatrixQuery,
) -> AppResult<(Vec<PolicyColumn>, Vec<MatrixRow>, Vec<String>)> {
    let columns: Vec<usize> = (0..facts.policies.len())
        .filter(|&p| facts.policies[p].version_at(today).is_some())
        .filter(
            |&p| !matches!(query.school.as_deref(), Some(s) if facts.policies[p].school_id != s),
        )
        .collect();
    let needle = query
        .q
        .as_deref()
        .map(|q| q.trim().to_lowercase())
        .filter(|q| !q.is_empty());
    let group = query.group.as_deref().filter(|g| !g.is_empty());
    let mut groups = BTreeSet::new();
    let mut rows: Vec<(MatrixRow, u8, Option<NaiveDate>)> = Vec::new();
    for (m, member) in facts.members.iter().enumerate() {
        if query
            .school
            .as_deref()
            .is_some_and(|s| member.school_id != s)
        {
            continue;
        }
        groups.extend(member.groups.iter().cloned());
        if group.is_some_and(|g| !member.groups.iter().any(|mg| mg == g)) {
            continue;
        }
        if let Some(n) = &needle {
            if !member.name.to_lowercase().contains(n) && !member.email.to_lowercase().contains(n) {
                continue;
            }
        }
        let cells: Vec<Option<MatrixCell>> = columns
            .iter()
            .map(|&p| {
                facts.cell(m, p, today).map(|c| MatrixCell {
                    status: c.view.status,
                    due: c.view.due,
                })
            })
            .collect();
        if let Some(wanted) = query.status {
            if !cells.iter().flatten().any(|c| c.status == wanted) {
                continue;
            }
        }
        let worst = cells
            .iter()
            .flatten()
            .map(|c| urgency(c.status))
            .min()
            .unwrap_or(u8::MAX);
        let soonest = cells
            .iter()
            .flatten()
            .filter(|c| c.status != Status::Attested)
            .map(|c| c.due)
            .min();
        rows.push((
            MatrixRow {
                person_id: member.person_id.clone(),
                name: member.name.clone(),
                email: member.email.clone(),
                school_name: member.school_name.clone(),
                groups: member.groups.clone(),
                cells,
            },
            worst,
            soonest,
        ));
    }
    let by_name = |a: &MatrixRow, b: &MatrixRow| {
        a.name
            .to_lowercase()
            .cmp(&b.name.to_lowercase())
            .then_with(|| a.email.cmp(&b.email))
            .then_with(|| a.school_name.cmp(&b.school_name))
    };
    match query.sort.as_deref().unwrap_or("name") {
        "name" => rows.sort_by(|a, b| by_name(&a.0, &b.0)),
        "email" => rows.sort_by(|a, b| a.0.email.cmp(&b.0.email).then(by_name(&a.0, &b.0))),
        "school" => rows.sort_by(|a, b| {
            a.0.school_name
                .cmp(&b.0.school_name)
                .then(by_name(&a.0, &b.0))
        }),
        "status" => rows.sort_by(|a, b| a.1.cmp(&b.1).then(by_name(&a.0, &b.0))),
        // Rows with nothing due sort last.
        "due" => rows.sort_by(|a, b| {
            (a.2.is_none(), a.2)
                .cmp(&(b.2.is_none(), b.2))
                .then(by_name(&a.0, &b.0))
        }),
        other => {
            return Err(AppError::Unprocessable(format!(
                "unknown sort \"{other}\"; use name, email, school, status or due"
            )))
        }
    }
    let columns = columns
        .into_iter()
        .map(|p| {
            let policy = &facts.policies[p];
            let school_name = facts
                .members
                .iter()
                .find(|m| m.school_id == policy.school_id)
                .map(|m| m.school_name.clone())
                .unwrap_or_default();
            PolicyColumn {
                policy_id: policy.id.clone(),
                title: policy.title.clone(),
                version_label: policy
                    .version_at(today)
                    .map(|v| v.label.clone())
                    .unwrap_or_default(),
                school_name,
            }
        })
        .collect();
    Ok((
        columns,
        rows.into_iter().map(|r| r.0).collect(),
        groups.into_iter().collect(),
    ))
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
    let (policies, rows, groups) = all_rows(facts, today, query)?;
    let total = u32::try_from(rows.len()).unwrap_or(u32::MAX);
    let skip = usize::try_from((page - 1).saturating_mul(per_page)).unwrap_or(usize::MAX);
    let rows = rows
        .into_iter()
        .skip(skip)
        .take(per_page as usize)
        .collect();
    Ok(Matrix {
        policies,
        rows,
        total,
        page,
        per_page,
        groups,
    })
}
