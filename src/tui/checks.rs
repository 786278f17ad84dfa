//! Which automatic checks the review screen runs: the names of `--only` and
//! `--skip` on the command line, else those of `checks: {only: [...], skip:
//! [...]}` in the config file, checked as `sxs check` checks them; and each
//! check's state in force, as the help lists it.

use crate::check::{self, Check, Default, Glossary, UnknownCheck};

/// The checks named to run or not, as given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckChoice {
    /// Only these run, whatever their default (`--only`).
    pub only: Vec<String>,
    /// These do not run (`--skip`).
    pub skip: Vec<String>,
    /// Whether a glossary is given, which turns the `glossary` check on.
    pub glossary: bool,
    /// Where the names come from, for the help: `--only/--skip`, the config file.
    pub from: &'static str,
}

impl CheckChoice {
    /// The command line's names over the config file's: each of `--only`
    /// and `--skip` given replaces the config file's list.
    pub fn over(self, config: &CheckChoice) -> CheckChoice {
        let from = match (self.only.is_empty() && self.skip.is_empty(), config.from) {
            (true, from) => from,
            (false, "") => self.from,
            (false, _) => "the command line and the config file",
        };
        let either = |flag: Vec<String>, config: &[String]| match flag.is_empty() {
            true => config.to_vec(),
            false => flag,
        };
        CheckChoice {
            only: either(self.only, &config.only),
            skip: either(self.skip, &config.skip),
            glossary: self.glossary,
            from,
        }
    }

    /// The checks to run, with the glossary; an unknown name is an error
    /// worded as `sxs check` words it.
    pub fn options(&self, glossary: Option<Glossary>) -> Result<check::Options, UnknownCheck> {
        let options = check::Options::select(&self.only, &self.skip)?;
        Ok(match glossary {
            Some(glossary) => options.with_glossary(glossary),
            None => options,
        })
    }

    /// Whether the check runs, and where: `on`, `off for ja, zh`, `off
    /// (--skip)`, `on (--only)`, …
    pub fn state(&self, check: &Check) -> String {
        let named = |names: &[String]| names.iter().any(|n| n == check.name);
        let by = match self.from {
            "" => String::new(),
            from => format!(" ({from})"),
        };
        if named(&self.skip) {
            return format!("off: skipped{by}");
        }
        if !self.only.is_empty() {
            return match named(&self.only) {
                true => format!("on: chosen{by}"),
                false => format!("off: not chosen{by}"),
            };
        }
        match check.default {
            Default::WithGlossary if !self.glossary => "off: no glossary given".to_string(),
            Default::WithGlossary => "on: a glossary is given".to_string(),
            default => default.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_command_lines_lists_replace_the_config_files_one_by_one() {
        let config = CheckChoice {
            only: names(&["number-mismatch"]),
            skip: names(&["link-mismatch"]),
            from: "the config file",
            ..CheckChoice::default()
        };
        let flags = CheckChoice {
            skip: names(&["markup-mismatch"]),
            from: "--only/--skip",
            ..CheckChoice::default()
        };
        let chosen = flags.over(&config);
        assert_eq!(chosen.only, names(&["number-mismatch"]));
        assert_eq!(chosen.skip, names(&["markup-mismatch"]));
        assert_eq!(chosen.from, "the command line and the config file");
        assert_eq!(
            CheckChoice::default().over(&config),
            CheckChoice {
                glossary: false,
                ..config
            }
        );
    }

    #[test]
    fn each_check_says_its_state_in_force() {
        let numbers = check::check("number-mismatch").unwrap();
        let glossary = check::check("glossary").unwrap();
        let none = CheckChoice::default();
        assert_eq!(none.state(numbers), numbers.default.to_string());
        assert_eq!(none.state(glossary), "off: no glossary given");
        let skip = CheckChoice {
            skip: names(&["number-mismatch"]),
            from: "--only/--skip",
            ..CheckChoice::default()
        };
        assert_eq!(skip.state(numbers), "off: skipped (--only/--skip)");
        let only = CheckChoice {
            only: names(&["glossary"]),
            from: "the config file",
            ..CheckChoice::default()
        };
        assert_eq!(only.state(glossary), "on: chosen (the config file)");
        assert_eq!(only.state(numbers), "off: not chosen (the config file)");
    }
}
