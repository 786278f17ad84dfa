//! Keys as data: the default bindings are a table, the config file can replace
//! any action's keys, and help is generated from the same table.

use std::collections::HashMap;
use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// A key as the user names it: `j`, `G`, `ctrl-d`, `pagedown`, `?`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key {
            code,
            ctrl: false,
            alt: false,
        }
    }

    /// The key of a terminal event. Shift is part of the character (`G`), so
    /// it is dropped for characters, whatever the terminal reports.
    pub fn from_event(event: KeyEvent) -> Key {
        let code = match event.code {
            // Some terminals report ctrl-letters in upper case when shift is held.
            KeyCode::Char(c) if event.modifiers.contains(KeyModifiers::CONTROL) => {
                KeyCode::Char(c.to_ascii_lowercase())
            }
            code => code,
        };
        Key {
            code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    pub fn parse(name: &str) -> Result<Key, String> {
        let mut key = Key::plain(KeyCode::Null);
        let mut rest = name;
        loop {
            if let Some(r) = rest
                .strip_prefix("ctrl-")
                .or_else(|| rest.strip_prefix("c-"))
            {
                key.ctrl = true;
                rest = r;
            } else if let Some(r) = rest
                .strip_prefix("alt-")
                .or_else(|| rest.strip_prefix("a-"))
            {
                key.alt = true;
                rest = r;
            } else {
                break;
            }
        }
        key.code = match rest.to_ascii_lowercase().as_str() {
            _ if rest.chars().count() == 1 => {
                let c = rest.chars().next().unwrap_or(' ');
                KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c })
            }
            "down" => KeyCode::Down,
            "up" => KeyCode::Up,
            "left" => KeyCode::Left,
            "right" => KeyCode::Right,
            "home" => KeyCode::Home,
            "end" => KeyCode::End,
            "pagedown" | "pgdn" => KeyCode::PageDown,
            "pageup" | "pgup" => KeyCode::PageUp,
            "enter" | "ret" => KeyCode::Enter,
            "esc" | "escape" => KeyCode::Esc,
            "tab" => KeyCode::Tab,
            "backtab" | "shift-tab" => KeyCode::BackTab,
            "backspace" => KeyCode::Backspace,
            "delete" | "del" => KeyCode::Delete,
            "space" => KeyCode::Char(' '),
            f if f.starts_with('f') && f[1..].parse::<u8>().is_ok() => {
                KeyCode::F(f[1..].parse().unwrap_or(1))
            }
            _ => {
                return Err(format!(
                    "unknown key {name:?}; use a character, ctrl-x, alt-x, or a name such as \
                     down, pagedown, home, enter, esc, tab, space, f1"
                ));
            }
        };
        Ok(key)
    }
}

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.code {
            KeyCode::Char(' ') => f.write_str("Space"),
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::Down => f.write_str("↓"),
            KeyCode::Up => f.write_str("↑"),
            KeyCode::Left => f.write_str("←"),
            KeyCode::Right => f.write_str("→"),
            KeyCode::PageDown => f.write_str("PgDn"),
            KeyCode::PageUp => f.write_str("PgUp"),
            KeyCode::BackTab => f.write_str("Shift-Tab"),
            KeyCode::F(n) => write!(f, "F{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The default bindings (SPEC "Keys", plus ours).
const DEFAULTS: &[(Action, &[&str])] = &[
    (Action::NextSegment, &["j", "down"]),
    (Action::PrevSegment, &["k", "up"]),
    (Action::HalfPageDown, &["ctrl-d"]),
    (Action::HalfPageUp, &["ctrl-u"]),
    (Action::PageDown, &["pagedown", "space"]),
    (Action::PageUp, &["pageup"]),
    (Action::First, &["g", "home"]),
    (Action::Last, &["G", "end"]),
    (Action::NextFile, &["tab"]),
    (Action::PrevFile, &["backtab"]),
    (Action::Search, &["/"]),
    (Action::NextHit, &["n"]),
    (Action::PrevHit, &["N"]),
    (Action::MarkOk, &["a"]),
    (Action::MarkBad, &["x"]),
    (Action::ClearMark, &["c"]),
    (Action::Undo, &["u"]),
    (Action::Redo, &["ctrl-r"]),
    (Action::NextFlagged, &["]"]),
    (Action::PrevFlagged, &["["]),
    (Action::AcceptFinding, &["A"]),
    (Action::DismissFinding, &["D"]),
    (Action::CycleFilter, &["f"]),
    (Action::NextLocale, &["L"]),
    (Action::ReadingMode, &["r"]),
    (Action::FileList, &["o"]),
    (Action::Help, &["?", "f1"]),
    (Action::Quit, &["q", "ctrl-c"]),
    (Action::Suspend, &["ctrl-z"]),
];

/// Key → action, with the bindings kept in help order.
#[derive(Debug, Clone)]
pub struct Keymap {
    bindings: Vec<(Action, Vec<Key>)>,
}

impl Default for Keymap {
    fn default() -> Self {
        let bindings = DEFAULTS
            .iter()
            .map(|(action, keys)| {
                let keys = keys
                    .iter()
                    .map(|k| Key::parse(k).expect("default key"))
                    .collect();
                (*action, keys)
            })
            .collect();
        Keymap { bindings }
    }
}

impl Keymap {
    /// The defaults with some actions' keys replaced. A key the user gives to an
    /// action is taken away from whatever action had it by default; a key given
    /// to two actions by the user is an error.
    pub fn with_overrides(overrides: &HashMap<Action, Vec<String>>) -> Result<Keymap, String> {
        let mut map = Keymap::default();
        let mut claimed: HashMap<Key, Action> = HashMap::new();
        for (action, names) in overrides {
            let keys = names
                .iter()
                .map(|n| Key::parse(n))
                .collect::<Result<Vec<Key>, String>>()?;
            for key in &keys {
                if let Some(other) = claimed.insert(*key, *action)
                    && other != *action
                {
                    return Err(format!(
                        "key {key} is bound to both {} and {}; give it to one",
                        config_name(other),
                        config_name(*action)
                    ));
                }
            }
            if let Some(slot) = map.bindings.iter_mut().find(|(a, _)| a == action) {
                slot.1 = keys;
            }
        }
        for (action, keys) in &mut map.bindings {
            keys.retain(|k| claimed.get(k).is_none_or(|owner| owner == action));
        }
        Ok(map)
    }

    pub fn action(&self, key: Key) -> Option<Action> {
        self.bindings
            .iter()
            .find(|(_, keys)| keys.contains(&key))
            .map(|(action, _)| *action)
    }

    /// The keys bound to an action, in the order they were given.
    pub fn keys(&self, action: Action) -> &[Key] {
        self.bindings
            .iter()
            .find(|(a, _)| *a == action)
            .map_or(&[], |(_, keys)| keys.as_slice())
    }

    /// The keys of an action joined for display (`j/↓`), or `—` when unbound.
    pub fn label(&self, action: Action) -> String {
        let keys = self.keys(action);
        if keys.is_empty() {
            return "—".into();
        }
        keys.iter()
            .map(Key::to_string)
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// The name the config file uses for an action.
pub fn config_name(action: Action) -> String {
    serde_yaml::to_string(&action)
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    #[test]
    fn the_spec_keys_are_bound_by_default() {
        let map = Keymap::default();
        let expect = [
            ("j", Action::NextSegment),
            ("down", Action::NextSegment),
            ("k", Action::PrevSegment),
            ("up", Action::PrevSegment),
            ("g", Action::First),
            ("home", Action::First),
            ("G", Action::Last),
            ("end", Action::Last),
            ("pagedown", Action::PageDown),
            ("pageup", Action::PageUp),
            ("/", Action::Search),
            ("n", Action::NextHit),
            ("N", Action::PrevHit),
            ("a", Action::MarkOk),
            ("x", Action::MarkBad),
            ("u", Action::Undo),
            ("]", Action::NextFlagged),
            ("[", Action::PrevFlagged),
            ("L", Action::NextLocale),
            ("?", Action::Help),
            ("q", Action::Quit),
            ("ctrl-d", Action::HalfPageDown),
            ("ctrl-u", Action::HalfPageUp),
            ("ctrl-r", Action::Redo),
        ];
        for (name, action) in expect {
            assert_eq!(map.action(key(name)), Some(action), "{name}");
        }
    }

    #[test]
    fn every_action_has_a_default_key_and_no_key_has_two_actions() {
        let map = Keymap::default();
        let mut seen = HashMap::new();
        for action in Action::ALL {
            assert!(!map.keys(*action).is_empty(), "{action:?} has no key");
            for k in map.keys(*action) {
                assert_eq!(seen.insert(*k, *action), None, "{k} bound twice");
            }
        }
    }

    #[test]
    fn shifted_letters_and_ctrl_keys_match_what_terminals_send() {
        let map = Keymap::default();
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(map.action(Key::from_event(shifted)), Some(Action::Last));
        let ctrl = KeyEvent::new(
            KeyCode::Char('D'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(
            map.action(Key::from_event(ctrl)),
            Some(Action::HalfPageDown)
        );
    }

    #[test]
    fn overrides_replace_keys_and_take_them_from_defaults() {
        let overrides = HashMap::from([(Action::NextFile, vec!["j".to_string()])]);
        let map = Keymap::with_overrides(&overrides).unwrap();
        assert_eq!(map.action(key("j")), Some(Action::NextFile));
        assert_eq!(map.keys(Action::NextSegment), &[key("down")]);
        assert_eq!(map.action(key("tab")), None);
    }

    #[test]
    fn a_key_given_to_two_actions_or_an_unknown_key_name_is_an_error() {
        let twice = HashMap::from([
            (Action::NextFile, vec!["z".to_string()]),
            (Action::PrevFile, vec!["z".to_string()]),
        ]);
        let err = Keymap::with_overrides(&twice).unwrap_err();
        assert!(
            err.contains("next_file") && err.contains("prev_file"),
            "{err}"
        );
        let unknown = HashMap::from([(Action::Quit, vec!["hyper-q".to_string()])]);
        assert!(
            Keymap::with_overrides(&unknown)
                .unwrap_err()
                .contains("hyper-q")
        );
    }
}
