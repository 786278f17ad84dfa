//! The user's config file: `$XDG_CONFIG_HOME/sxs/config.yaml`, else
//! `~/.config/sxs/config.yaml` (also on macOS, as yazi and gitui do).
//!
//! ```yaml
//! reviewer: alice
//! theme: dark            # dark | light | mono
//! ambiguous_wide: false  # true for terminals that draw … — → 2 cells wide
//! mouse: false           # wheel scrolling; turns off the terminal's own selection
//! advance_after_error: false  # after `x` … `Enter`, go on to the next segment as `a` does
//! checks: { only: [], skip: [untranslated-word] }  # as `sxs check --only/--skip`; the flags win
//! keys:
//!   normal:
//!     next_segment: [j, down]
//!   file_list: { open: enter }
//!   dialog: { omission: O }
//!   mark_bad: x          # outside a mode: normal mode, as configs before modes wrote it
//! ```
//!
//! A setting sxs does not know is a warning, shown on the review screen; a
//! value it cannot use is an error that names the file and line.

use std::io;
use std::path::{Path, PathBuf};

use crate::yaml::{self, Mapping, Value};
use thiserror::Error;

use super::checks::CheckChoice;
use super::keymap::{KeymapError, Keymaps, Override};
use super::theme::ThemeName;

#[derive(Debug, Clone, Default)]
pub struct Config {
    pub reviewer: Option<String>,
    pub theme: ThemeName,
    pub ambiguous_wide: bool,
    pub mouse: bool,
    /// After adding an error, go on to the next segment (`a` always does);
    /// by default the cursor stays, for the segment's next error.
    pub advance_after_error: bool,
    /// `checks: {only: [...], skip: [...]}`: which checks run when the
    /// command line names none.
    pub checks: CheckChoice,
    pub keymaps: Keymaps,
    /// What was ignored or changed, one line each: `FILE:LINE: what`.
    pub warnings: Vec<String>,
}

/// A config file that cannot be used: sxs stops and says where to fix it.
#[derive(Debug, Error)]
pub enum ConfigError {
    #[error(
        "{}: cannot be read ({error}); fix its permissions or move it away",
        path.display()
    )]
    Read { path: PathBuf, error: io::Error },
    #[error("{}: {message}; fix the config file or move it away", at(path, *line))]
    Invalid {
        path: PathBuf,
        line: Option<usize>,
        message: String,
    },
    #[error("{}: keys: {error}; fix the config file or move it away", at(path, *line))]
    Keys {
        path: PathBuf,
        line: Option<usize>,
        error: KeymapError,
    },
}

/// `FILE:LINE`, or `FILE` when the line is not known.
fn at(path: &Path, line: Option<usize>) -> String {
    match line {
        Some(line) => format!("{}:{line}", path.display()),
        None => path.display().to_string(),
    }
}

const SETTINGS: &str = "reviewer, theme, ambiguous_wide, mouse, advance_after_error, checks, keys";

impl Config {
    /// Reads the config file; a missing file is the defaults.
    pub fn load() -> Result<Config, ConfigError> {
        match config_path() {
            Some(path) if path.exists() => Config::read(&path),
            _ => Ok(Config::default()),
        }
    }

    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| ConfigError::Read {
            path: path.to_path_buf(),
            error,
        })?;
        Config::parse(path, &text)
    }

    fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let invalid = |line: Option<usize>, message: String| ConfigError::Invalid {
            path: path.to_path_buf(),
            line,
            message,
        };
        let value = match text.trim().is_empty() {
            true => Value::Null,
            false => yaml::parse(text).map_err(|e| invalid(e.line, e.message))?,
        };
        let settings = match value {
            Value::Null => Mapping::new(),
            Value::Mapping(map) => map,
            _ => {
                return Err(invalid(
                    Some(1),
                    format!("expected settings such as `theme: dark` ({SETTINGS})"),
                ));
            }
        };
        let mut config = Config::default();
        let mut overrides = Vec::new();
        for (name, value) in settings {
            let name = name_of(&name);
            let line = line_of(text, &[&name]);
            let wrong = |what: &str| invalid(line, format!("`{name}`: expected {what}"));
            match name.as_str() {
                "reviewer" => {
                    config.reviewer = match value {
                        Value::Null => None,
                        Value::String(s) => Some(s),
                        _ => return Err(wrong("a name")),
                    }
                }
                "theme" => {
                    config.theme =
                        ThemeName::named(value.as_str().unwrap_or_default()).ok_or_else(|| {
                            let given = crate::yaml::to_string(&value);
                            wrong(&format!("dark, light or mono, not {given}"))
                        })?
                }
                "ambiguous_wide" => {
                    config.ambiguous_wide = value.as_bool().ok_or_else(|| wrong("true or false"))?
                }
                "mouse" => config.mouse = value.as_bool().ok_or_else(|| wrong("true or false"))?,
                "advance_after_error" => {
                    config.advance_after_error =
                        value.as_bool().ok_or_else(|| wrong("true or false"))?
                }
                "checks" => {
                    config.checks = check_choice(text, value).map_err(|(l, m)| invalid(l, m))?
                }
                "keys" => overrides = key_overrides(text, value).map_err(|(l, m)| invalid(l, m))?,
                _ => config.warnings.push(format!(
                    "{}: unknown setting `{name}` (sxs reads {SETTINGS}); ignored",
                    at(path, line)
                )),
            }
        }
        let (keymaps, warnings) =
            Keymaps::new(&overrides).map_err(|(line, error)| ConfigError::Keys {
                path: path.to_path_buf(),
                line,
                error,
            })?;
        config.keymaps = keymaps;
        config.warnings.extend(
            warnings
                .into_iter()
                .map(|w| format!("{}: {}", at(path, w.line), w.message)),
        );
        Ok(config)
    }
}

/// `checks:` as the names of the checks to run or not: `{only: [NAME...],
/// skip: [NAME...]}`, each a list or one name; a name no check has is an
/// error worded as `sxs check --only` words it, at its line.
fn check_choice(text: &str, checks: Value) -> Result<CheckChoice, (Option<usize>, String)> {
    let expected = "`checks`: expected `{only: [NAME, ...], skip: [NAME, ...]}`";
    let mut choice = CheckChoice {
        from: "the config file",
        ..CheckChoice::default()
    };
    let map = match checks {
        Value::Null => return Ok(CheckChoice::default()),
        Value::Mapping(map) => map,
        _ => return Err((line_of(text, &["checks"]), expected.into())),
    };
    for (list, names) in map {
        let list = name_of(&list);
        let line = line_of(text, &["checks", &list]);
        let names: Vec<String> = match names {
            Value::Null => Vec::new(),
            Value::String(name) => vec![name],
            Value::Sequence(names) => names.iter().map(name_of).collect(),
            _ => {
                return Err((
                    line,
                    format!("`checks.{list}`: expected a list of check names"),
                ));
            }
        };
        for name in &names {
            if crate::check::check(name).is_none() {
                let unknown = crate::check::UnknownCheck::Name(name.clone());
                return Err((line, format!("`checks.{list}`: {unknown}")));
            }
        }
        match list.as_str() {
            "only" => choice.only = names,
            "skip" => choice.skip = names,
            _ => return Err((line, expected.into())),
        }
    }
    Ok(choice)
}

/// A mapping key as text (`1` is the key `1`).
fn name_of(key: &Value) -> String {
    match key {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        other => format!("{other:?}"),
    }
}

/// `keys:` as bindings: `MODE: {ACTION: KEYS}`, or `ACTION: KEYS` for
/// normal mode (the layout before modes).
fn key_overrides(text: &str, keys: Value) -> Result<Vec<Override>, (Option<usize>, String)> {
    let keys = match keys {
        Value::Null => return Ok(Vec::new()),
        Value::Mapping(map) => map,
        _ => {
            let line = line_of(text, &["keys"]);
            return Err((line, "`keys`: expected `MODE: {ACTION: KEYS}`".into()));
        }
    };
    let mut out = Vec::new();
    for (name, value) in keys {
        let name = name_of(&name);
        match value {
            Value::Mapping(actions) => {
                let mode_line = line_of(text, &["keys", &name]);
                for (action, value) in actions {
                    let action = name_of(&action);
                    let line = line_of(text, &["keys", &name, &action]);
                    out.push(Override {
                        keys: key_names(&value, line, &format!("{name}.{action}"))?,
                        mode: name.clone(),
                        action,
                        line,
                        mode_line,
                    });
                }
            }
            value => {
                let line = line_of(text, &["keys", &name]);
                out.push(Override {
                    keys: key_names(&value, line, &name)?,
                    mode: "normal".into(),
                    action: name,
                    line,
                    mode_line: line,
                });
            }
        }
    }
    Ok(out)
}

/// One key or a list of them; a number is the key of its digit (`minor: 1`).
fn key_names(
    value: &Value,
    line: Option<usize>,
    what: &str,
) -> Result<Vec<String>, (Option<usize>, String)> {
    let one = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    };
    let names = match value {
        Value::Null => Some(Vec::new()),
        Value::Sequence(items) => items.iter().map(one).collect(),
        other => one(other).map(|k| vec![k]),
    };
    names.ok_or_else(|| {
        (
            line,
            format!("keys: {what}: expected a key or a list of keys, such as [j, down]"),
        )
    })
}

/// The line on which the key at `path` (`["keys", "normal", "quit"]`) is
/// written. The YAML library keeps no position for a value, so the text is
/// scanned for each key of the path in turn, from where the one before it
/// stands; that finds keys in block and flow mappings (`keys: {quit: []}`).
fn line_of(text: &str, path: &[&str]) -> Option<usize> {
    let mut from = 0;
    for key in path {
        from += find_key(&text[from..], key)?;
    }
    Some(text[..from].matches('\n').count() + 1)
}

/// Where `key` stands as a mapping key in `text`: after the start of a line,
/// a space, `{` or `,`, optionally quoted, followed by `:`, not in a comment.
fn find_key(text: &str, key: &str) -> Option<usize> {
    let mut start = 0;
    while let Some(found) = text[start..].find(key) {
        let at = start + found;
        start = at + key.len();
        let mut before = text[..at].chars().rev();
        let mut after = &text[start..];
        let mut previous = before.next();
        if let Some(quote @ ('"' | '\'')) = previous {
            match after.strip_prefix(quote) {
                Some(rest) => after = rest,
                None => continue,
            }
            previous = before.next();
        }
        let opens = previous.is_none_or(|c| matches!(c, '\n' | ' ' | '\t' | '{' | ','));
        let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
        let in_comment = text[line_start..at].contains('#');
        if opens && !in_comment && after.trim_start_matches([' ', '\t']).starts_with(':') {
            return Some(at);
        }
    }
    None
}

pub fn config_path() -> Option<PathBuf> {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))?;
    Some(base.join("sxs").join("config.yaml"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::{Action, DialogAction};
    use crate::tui::keys::Key;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("/home/u/.config/sxs/config.yaml"), text)
    }

    fn key(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    #[test]
    fn reads_every_setting_and_keys_as_one_or_many_in_either_layout() {
        let config = parse(
            "reviewer: Zoë\ntheme: mono\nambiguous_wide: true\nmouse: true\n\
             advance_after_error: true\nkeys:\n  next_segment: [j, down]\n  quit: Q\n  dialog: {minor: 7, omission: O}\n",
        )
        .unwrap();
        assert_eq!(config.reviewer.as_deref(), Some("Zoë"));
        assert_eq!(config.theme, ThemeName::Mono);
        assert!(config.ambiguous_wide && config.mouse && config.advance_after_error);
        let keys = &config.keymaps;
        assert_eq!(keys.keys(Action::NextSegment), [key("j"), key("down")]);
        assert_eq!(keys.keys(Action::Quit), [key("Q")]);
        assert_eq!(keys.action(key("7")), Some(DialogAction::Minor));
        assert_eq!(keys.action(key("O")), Some(DialogAction::Omission));
        assert!(config.warnings.is_empty(), "{:?}", config.warnings);
        assert!(parse("").unwrap().warnings.is_empty());
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let err = parse("theme: dark\nkeys:\n  normal:\n    mark_ok: [a, j]\n").unwrap_err();
        let text = err.to_string();
        assert!(
            text.starts_with("/home/u/.config/sxs/config.yaml:4: "),
            "{text}"
        );
        assert!(
            text.contains("mark_ok") && text.contains("next_segment"),
            "{text}"
        );
        let err = parse("mouse: true\ntheme: purple\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("config.yaml:2:") && err.contains("purple"),
            "{err}"
        );
        let err = parse("keys: {quit: [hyper-q]}\n").unwrap_err().to_string();
        assert!(
            err.contains("config.yaml:1:") && err.contains("hyper-q"),
            "{err}"
        );
        let err = parse("theme: [unclosed\n").unwrap_err().to_string();
        assert!(err.contains("config.yaml:"), "{err}");
    }

    #[test]
    fn checks_name_the_checks_to_run_or_not_and_an_unknown_one_is_an_error_at_its_line() {
        let config =
            parse("theme: mono\nchecks:\n  only: [number-mismatch, link-mismatch]\n  skip: link-mismatch\n")
                .unwrap();
        assert_eq!(config.checks.only, ["number-mismatch", "link-mismatch"]);
        assert_eq!(config.checks.skip, ["link-mismatch"]);
        assert_eq!(config.checks.from, "the config file");
        let err = parse("checks:\n  only: [number-mismatch]\n  skip: [numbres]\n")
            .unwrap_err()
            .to_string();
        let unknown = crate::check::UnknownCheck::Name("numbres".into()).to_string();
        assert!(
            err.starts_with("/home/u/.config/sxs/config.yaml:3: `checks.skip`: ")
                && err.contains(&unknown),
            "{err}"
        );
        let err = parse("checks: [number-mismatch]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("config.yaml:1:") && err.contains("only: [NAME"),
            "{err}"
        );
    }

    #[test]
    fn unknown_settings_modes_and_actions_are_warnings_with_their_line() {
        let config =
            parse("colour: red\nkeys:\n  filelist:\n    open: tab\n  normal: {quiet: Q}\n")
                .unwrap();
        let warnings = config.warnings.join("\n");
        assert!(
            warnings.contains("config.yaml:1: unknown setting `colour`"),
            "{warnings}"
        );
        assert!(
            warnings.contains("config.yaml:3:") && warnings.contains("filelist"),
            "{warnings}"
        );
        assert!(
            warnings.contains("config.yaml:5:") && warnings.contains("quiet"),
            "{warnings}"
        );
    }

    #[test]
    fn an_unbound_quit_keeps_its_keys_with_a_warning() {
        let config = parse("keys: {quit: []}\n").unwrap();
        assert_eq!(config.keymaps.keys(Action::Quit), [key("q"), key("ctrl-c")]);
        assert!(
            config.warnings[0].contains("config.yaml:1:"),
            "{:?}",
            config.warnings
        );
    }

    #[test]
    fn keys_are_found_in_block_and_flow_mappings() {
        let text =
            "# keys: not here\nkeys:\n  normal: {quit: Q, \"help\": h}\n  dialog:\n    save: s\n";
        assert_eq!(line_of(text, &["keys"]), Some(2));
        assert_eq!(line_of(text, &["keys", "normal", "help"]), Some(3));
        assert_eq!(line_of(text, &["keys", "dialog", "save"]), Some(5));
        assert_eq!(line_of(text, &["keys", "dialog", "cancel"]), None);
    }
}
