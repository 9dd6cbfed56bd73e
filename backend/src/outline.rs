//! Readable text forms of modules, question banks and look-ups for `--format text`.

use std::fmt::Write;

use attest_domain::ask::Answer;
use attest_domain::module::Module;
use attest_domain::quiz::QuestionBank;

/// A module as numbered lessons with their key points.
pub fn module(m: &Module) -> String {
    let mut out = format!("{} ({} min)\n", m.title, m.reading_minutes);
    for (i, lesson) in m.lessons.iter().enumerate() {
        let _ = writeln!(
            out,
            "\nLesson {}: {} ({} min)",
            i + 1,
            lesson.section,
            lesson.reading_minutes
        );
        for p in &lesson.key_points {
            let _ = writeln!(out, "  - {}  [{}]", p.plain, p.clause_id);
        }
    }
    out
}

/// A question bank with each answer marked.
pub fn bank(bank: &QuestionBank) -> String {
    let mut out = String::new();
    for (i, q) in bank.questions.iter().enumerate() {
        let _ = writeln!(
            out,
            "{}. {}  [{}; {}]",
            i + 1,
            q.stem,
            q.clause_ids.join(", "),
            q.verdict.as_str()
        );
        for (j, option) in q.options.iter().enumerate() {
            let mark = if j == q.answer { '*' } else { ' ' };
            let _ = writeln!(out, "   {mark} {option}");
        }
        let _ = writeln!(out, "   why: {}\n", q.explanation);
    }
    out
}

/// A look-up's answer and its alternatives.
pub fn answer(a: &Answer) -> String {
    let mut out = match (&a.clause_id, a.covered) {
        (Some(id), true) => format!(
            "Clause {id} ({}): {}\n",
            a.verdict.map_or("information", |v| v.as_str()),
            a.quote
        ),
        _ => "Not covered by this policy.\n".to_string(),
    };
    for alt in &a.alternatives {
        let _ = writeln!(out, "  also {}: {}", alt.clause_id, alt.quote);
    }
    out
}
