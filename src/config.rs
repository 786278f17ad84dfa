//! The user's config file: `$XDG_CONFIG_HOME/sxs/config.yaml`, else
//! `~/.config/sxs/config.yaml` (also on macOS, as yazi and gitui do).
//!
//! ```yaml
//! reviewer: alice
//! theme: dark            # dark | light | mono
//! ambiguous_wide: false  # true for terminals that draw … — → 2 cells wide
//! mouse: false           # wheel scrolling; turns off the terminal's own selection
//! keys:
//!   next_segment: [j, down]
//!   mark_bad: x
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::tui::action::Action;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

/// One key or a list of them.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
enum Keys {
    One(String),
    Many(Vec<String>),
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    pub reviewer: Option<String>,
    pub theme: ThemeName,
    pub ambiguous_wide: bool,
    pub mouse: bool,
    keys: HashMap<Action, Keys>,
}

impl Config {
    /// Reads the config file; a missing file is the defaults. A broken one is
    /// an error naming the file and line.
    pub fn load() -> Result<Config, String> {
        match config_path() {
            Some(path) if path.exists() => Config::read(&path),
            _ => Ok(Config::default()),
        }
    }

    pub fn read(path: &Path) -> Result<Config, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("{}: cannot be read ({e})", path.display()))?;
        if text.trim().is_empty() {
            return Ok(Config::default());
        }
        serde_yaml::from_str(&text).map_err(|e| {
            let line = e
                .location()
                .map(|l| format!(":{}", l.line()))
                .unwrap_or_default();
            format!(
                "{}{line}: {e}; fix the config file or move it away",
                path.display()
            )
        })
    }

    /// Key overrides by action, each as a list of key names.
    pub fn key_overrides(&self) -> HashMap<Action, Vec<String>> {
        self.keys
            .iter()
            .map(|(action, keys)| {
                let keys = match keys {
                    Keys::One(k) => vec![k.clone()],
                    Keys::Many(ks) => ks.clone(),
                };
                (*action, keys)
            })
            .collect()
    }
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

    fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, text).unwrap();
        (dir, path)
    }

    #[test]
    fn reads_every_setting_and_keys_as_one_or_many() {
        let (_dir, path) = write(
            "reviewer: Zoë\ntheme: mono\nambiguous_wide: true\nmouse: true\n\
             keys:\n  next_segment: [j, down]\n  quit: Q\n",
        );
        let config = Config::read(&path).unwrap();
        assert_eq!(config.reviewer.as_deref(), Some("Zoë"));
        assert_eq!(config.theme, ThemeName::Mono);
        assert!(config.ambiguous_wide && config.mouse);
        let keys = config.key_overrides();
        assert_eq!(keys[&Action::NextSegment], ["j", "down"]);
        assert_eq!(keys[&Action::Quit], ["Q"]);
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let (_dir, path) = write("theme: dark\nkeys:\n  no_such_action: x\n");
        let err = Config::read(&path).unwrap_err();
        assert!(err.contains("config.yaml:3"), "{err}");
        let (_dir, path) = write("colour: red\n");
        assert!(Config::read(&path).unwrap_err().contains("colour"));
    }
}
