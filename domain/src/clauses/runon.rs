//! Numbers run into the middle of a line ("… the same day. 18. Staff must …"): a converter
//! joined two numbered paragraphs, the writer did not. The line is split where the next
//! number in sequence starts, and only there, so a date or a reference ("Act 2018. 3 staff")
//! stays put.

use super::normalize::{Kind, Line};
use super::pattern::pats;

pats! {
    LEADING = r"^(\d{1,2}(?:\.\d{1,2}){0,3})[.)]?\s+\S";
    // A single number needs its dot or bracket ("18."): "Act 2004. 3 staff" is a count.
    RUN_ON = r"[.;:!?]\s+(\d{1,2}(?:\.\d{1,2}){1,3}[.)]?|\d{1,2}[.)])\s+[A-Z]";
}

/// Splits every text line at a run-on number that follows the last number in sequence.
pub(crate) fn split_run_on_numbers(lines: Vec<Line>) -> Vec<Line> {
    let mut out = Vec::with_capacity(lines.len());
    let mut last: Option<Vec<u32>> = None;
    for line in lines {
        if line.kind != Kind::Text {
            out.push(line);
            continue;
        }
        let mut rest = line.text.as_str();
        if let Some(c) = LEADING.captures(rest) {
            last = parts(&c[1]).or(last);
        }
        loop {
            let found = RUN_ON.captures(rest).and_then(|c| {
                let m = c.get(1)?;
                let number = parts(m.as_str().trim_end_matches(['.', ')']))?;
                follows(last.as_deref(), &number).then_some((m.start(), number))
            });
            let Some((at, number)) = found else {
                break;
            };
            out.push(Line {
                text: rest[..at].trim_end().to_string(),
                kind: Kind::Text,
            });
            rest = &rest[at..];
            last = Some(number);
        }
        out.push(Line {
            text: rest.to_string(),
            kind: Kind::Text,
        });
    }
    out
}

fn parts(number: &str) -> Option<Vec<u32>> {
    number.split('.').map(|p| p.parse().ok()).collect()
}

/// True when `next` comes straight after `last`: the next at the same depth ("17" → "18",
/// "3.4" → "3.5"), the first below it ("3" → "3.1") or the next above it ("3.4" → "4").
fn follows(last: Option<&[u32]>, next: &[u32]) -> bool {
    let Some(last) = last else {
        return false;
    };
    let same_depth = next.len() == last.len()
        && next[..next.len() - 1] == last[..last.len() - 1]
        && next.last() == last.last().map(|n| n + 1).as_ref();
    let child =
        next.len() == last.len() + 1 && next[..last.len()] == *last && next.last() == Some(&1);
    let parent = next.len() < last.len()
        && next[..next.len() - 1] == last[..next.len() - 1]
        && next.last() == Some(&(last[next.len() - 1] + 1));
    same_depth || child || parent
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(lines: &[&str]) -> Vec<String> {
        let lines = lines
            .iter()
            .map(|t| Line {
                text: (*t).into(),
                kind: Kind::Text,
            })
            .collect();
        split_run_on_numbers(lines)
            .into_iter()
            .map(|l| l.text)
            .collect()
    }

    #[test]
    fn the_next_number_in_sequence_splits_a_line() {
        assert_eq!(
            text(&["17. Report it the same day. 18. Staff must not promise secrecy."]),
            [
                "17. Report it the same day.",
                "18. Staff must not promise secrecy."
            ]
        );
        assert_eq!(
            text(&["3.4 Keep records. 3.5 Share them only with the DSL. 4. Training"]),
            [
                "3.4 Keep records.",
                "3.5 Share them only with the DSL.",
                "4. Training"
            ]
        );
    }

    #[test]
    fn a_number_out_of_sequence_stays_in_its_sentence() {
        let line = "2. This follows the Children Act 2004. 3 Staff have read it.";
        assert_eq!(text(&[line]), [line]);
        let line = "5. See section 9. 12 pupils took part.";
        assert_eq!(text(&[line]), [line]);
    }
}
