//! A person's name as every form and file takes it: trimmed, not empty, and not longer than
//! a real name (one check for the CSV import, the person form, a new manager and set-up).

/// The longest name accepted, in characters: a real name fits; more is a pasted paragraph.
pub const MAX_NAME_CHARS: usize = 200;

/// What is wrong with a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NameProblem {
    /// Nothing but spaces.
    Empty,
    /// Longer than [`MAX_NAME_CHARS`]; how many characters it has.
    TooLong(usize),
}

impl NameProblem {
    /// What to do about it, as the server says it.
    pub fn message(self) -> String {
        match self {
            NameProblem::Empty => "the name is empty".into(),
            NameProblem::TooLong(chars) => format!(
                "the name is {chars} characters long: shorten it to at most {MAX_NAME_CHARS}"
            ),
        }
    }
}

/// A person's name, trimmed, or what is wrong with it. Characters are counted, not bytes, so
/// a name in another script is allowed as many letters as one in English.
pub fn person_name(text: &str) -> Result<&str, NameProblem> {
    let name = text.trim();
    let chars = name.chars().count();
    if name.is_empty() {
        Err(NameProblem::Empty)
    } else if chars > MAX_NAME_CHARS {
        Err(NameProblem::TooLong(chars))
    } else {
        Ok(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_counted_in_characters_and_trimmed() {
        assert_eq!(person_name("  Siân O'Brien "), Ok("Siân O'Brien"));
        assert_eq!(person_name("   "), Err(NameProblem::Empty));
        let accented = "é".repeat(MAX_NAME_CHARS);
        assert_eq!(person_name(&accented), Ok(accented.as_str()));
        assert_eq!(
            person_name(&"a".repeat(MAX_NAME_CHARS + 1)),
            Err(NameProblem::TooLong(MAX_NAME_CHARS + 1))
        );
    }
}
