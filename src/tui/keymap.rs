//! The keys in force: every mode's table with the config file's changes.
//!
//! A user's binding replaces the action's default keys. A key that ends up
//! on two actions of one mode is an error naming both (a key given to
//! `mark_ok` that `next_segment` still has by default included), so that a
//! key never silently changes meaning.

use std::collections::HashMap;

use thiserror::Error;

use super::action::TABLES;
use super::bindings::{Bindable, Table};
use super::keys::{Key, UnknownKey};

/// One mode's keys.
#[derive(Debug, Clone)]
pub struct Keymap {
    table: &'static Table,
    /// The keys of each action, by table index.
    keys: Vec<Vec<Key>>,
    action: HashMap<Key, usize>,
}

impl Keymap {
    fn new(table: &'static Table, keys: Vec<Vec<Key>>) -> Keymap {
        let action = keys
            .iter()
            .enumerate()
            .flat_map(|(i, keys)| keys.iter().map(move |k| (*k, i)))
            .collect();
        Keymap {
            table,
            keys,
            action,
        }
    }

    pub fn table(&self) -> &'static Table {
        self.table
    }

    /// The keys of the action at `index`, in the order they were given.
    pub fn keys(&self, index: usize) -> &[Key] {
        self.keys.get(index).map_or(&[], Vec::as_slice)
    }

    /// The keys of the action at `index` joined for display (`j/↓`), or `—`
    /// when it has none.
    pub fn label(&self, index: usize) -> String {
        joined(self.keys(index).iter())
    }
}

/// Keys joined for display (`j/↓`), or `—` when there are none.
fn joined<'a>(keys: impl Iterator<Item = &'a Key>) -> String {
    let names: Vec<String> = keys.map(Key::to_string).collect();
    match names.is_empty() {
        true => "—".into(),
        false => names.join("/"),
    }
}

/// A binding from the config file: `keys: { MODE: { ACTION: [KEY…] } }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub mode: String,
    pub action: String,
    pub keys: Vec<String>,
    /// Where the config file names the action, and the mode, for messages.
    pub line: Option<usize>,
    pub mode_line: Option<usize>,
}

/// A binding that cannot be used; the config file must be fixed.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum KeymapError {
    #[error("{mode}.{action}: {source}")]
    UnknownKey {
        mode: &'static str,
        action: &'static str,
        source: UnknownKey,
    },
    #[error(
        "{key} is bound to both {first} and {second} in {mode} mode; give it to one \
         (to take a default key, bind the action that has it to other keys)"
    )]
    Twice {
        mode: &'static str,
        key: String,
        first: &'static str,
        second: &'static str,
    },
    #[error(
        "{mode}.{action}: {key:?} types text in {mode} mode and cannot be bound there; \
         use a key such as enter, esc, a function key or a ctrl- key"
    )]
    TextKey {
        mode: &'static str,
        action: &'static str,
        key: String,
    },
    #[error("{mode}.{action}: {key} always {does} and cannot be bound to anything else")]
    Reserved {
        mode: &'static str,
        action: &'static str,
        key: &'static str,
        does: &'static str,
    },
}

/// A binding that was not taken as written; the keys still work.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeymapWarning {
    pub line: Option<usize>,
    pub message: String,
}

/// Every mode's keys.
#[derive(Debug, Clone)]
pub struct Keymaps {
    maps: Vec<Keymap>,
}

impl Default for Keymaps {
    fn default() -> Self {
        Keymaps::new(&[]).expect("the default tables are sound").0
    }
}

impl Keymaps {
    /// The default keys of every mode with `overrides` applied. An error
    /// comes with the line of the binding that caused it.
    pub fn new(
        overrides: &[Override],
    ) -> Result<(Keymaps, Vec<KeymapWarning>), (Option<usize>, KeymapError)> {
        let mut warnings = Vec::new();
        for o in overrides {
            if !TABLES.iter().any(|t| t.mode == o.mode) {
                let modes: Vec<&str> = TABLES.iter().map(|t| t.mode).collect();
                warnings.push(KeymapWarning {
                    line: o.mode_line,
                    message: format!(
                        "keys: unknown mode `{}` ({}); ignored",
                        o.mode,
                        modes.join(", ")
                    ),
                });
            }
        }
        let maps = TABLES
            .iter()
            .map(|table| {
                let mine: Vec<&Override> =
                    overrides.iter().filter(|o| o.mode == table.mode).collect();
                build(table, &mine, &mut warnings)
            })
            .collect::<Result<_, _>>()?;
        Ok((Keymaps { maps }, warnings))
    }

    /// Every mode's keymap, in help order.
    pub fn all(&self) -> &[Keymap] {
        &self.maps
    }

    fn map<A: Bindable>(&self) -> Option<&Keymap> {
        self.maps.iter().find(|m| m.table.mode == A::TABLE.mode)
    }

    /// The action a key is bound to in `A`'s mode.
    pub fn action<A: Bindable>(&self, key: Key) -> Option<A> {
        let index = *self.map::<A>()?.action.get(&key)?;
        A::ALL.get(index).copied()
    }

    /// The action of a key pressed while typing text: characters are text
    /// (`None`) unless a modifier key binds them.
    pub fn text_action<A: Bindable>(&self, key: Key) -> Option<A> {
        if key.is_plain_char() {
            return None;
        }
        self.action(key)
    }

    pub fn keys<A: Bindable>(&self, action: A) -> &[Key] {
        self.map::<A>().map_or(&[], |m| m.keys(action.index()))
    }

    /// The keys of an action joined for display (`j/↓`), or `—` when unbound.
    pub fn label<A: Bindable>(&self, action: A) -> String {
        self.map::<A>()
            .map_or_else(|| "—".into(), |m| m.label(action.index()))
    }

    /// The keys of an action that work while text is typed (no plain
    /// character, which types itself; see `text_action`), joined for
    /// display.
    pub fn typing_label<A: Bindable>(&self, action: A) -> String {
        joined(self.keys(action).iter().filter(|k| !k.is_plain_char()))
    }
}

fn parse_defaults(table: &Table) -> Vec<Vec<Key>> {
    table
        .bindings
        .iter()
        .map(|b| {
            b.keys
                .iter()
                .map(|k| Key::parse(k).expect("a default key parses"))
                .collect()
        })
        .collect()
}

/// One mode's keymap: its defaults with the user's bindings of that mode.
fn build(
    table: &'static Table,
    overrides: &[&Override],
    warnings: &mut Vec<KeymapWarning>,
) -> Result<Keymap, (Option<usize>, KeymapError)> {
    let defaults = parse_defaults(table);
    let mut keys = defaults.clone();
    // The user's bindings by action; a later one for the same action wins.
    let mut given: Vec<Option<(Vec<Key>, Option<usize>)>> = vec![None; keys.len()];
    for o in overrides {
        let Some(index) = table.index_of(&o.action) else {
            warnings.push(KeymapWarning {
                line: o.line,
                message: format!(
                    "keys: {} mode has no action `{}` (the help screen, ?, lists them); ignored",
                    table.mode, o.action
                ),
            });
            continue;
        };
        let action = table.bindings[index].name;
        let mut parsed = Vec::new();
        for name in &o.keys {
            let key = Key::parse(name).map_err(|source| {
                let error = KeymapError::UnknownKey {
                    mode: table.mode,
                    action,
                    source,
                };
                (o.line, error)
            })?;
            let reserved = [
                (Key::QUIT, "Ctrl-C", "quits", "quit"),
                (Key::SUSPEND, "Ctrl-Z", "suspends", "suspend"),
            ];
            for (reserved, name, does, own) in reserved {
                if key == reserved && !(table.mode == "normal" && action == own) {
                    let error = KeymapError::Reserved {
                        mode: table.mode,
                        action,
                        key: name,
                        does,
                    };
                    return Err((o.line, error));
                }
            }
            if table.text_input && key.is_plain_char() {
                let error = KeymapError::TextKey {
                    mode: table.mode,
                    action,
                    key: name.clone(),
                };
                return Err((o.line, error));
            }
            if !parsed.contains(&key) {
                parsed.push(key);
            }
        }
        given[index] = Some((parsed, o.line));
    }
    for (index, user) in given.iter().enumerate() {
        if let Some((user_keys, _)) = user {
            keys[index] = user_keys.clone();
        }
    }
    // Each key to one action: report a clash at the line of the user's binding.
    let mut owner: HashMap<Key, usize> = HashMap::new();
    for (index, action_keys) in keys.iter().enumerate() {
        for key in action_keys {
            if let Some(&first) = owner.get(key) {
                let line = given[index]
                    .as_ref()
                    .or(given[first].as_ref())
                    .and_then(|(_, line)| *line);
                let error = KeymapError::Twice {
                    mode: table.mode,
                    key: key.to_string(),
                    first: table.bindings[first].name,
                    second: table.bindings[index].name,
                };
                return Err((line, error));
            }
            owner.insert(*key, index);
        }
    }
    // A mode must stay possible to leave: an action that must keep a key
    // and lost all of them gets back its defaults that are still free.
    for &index in table.required {
        if keys[index].is_empty() {
            let free: Vec<Key> = defaults[index]
                .iter()
                .filter(|k| !owner.contains_key(k))
                .copied()
                .collect();
            let binding = &table.bindings[index];
            let kept = free
                .iter()
                .map(Key::to_string)
                .collect::<Vec<_>>()
                .join("/");
            let message = match free.is_empty() {
                true => format!(
                    "keys: {}.{} must keep a key, and its default keys are taken; Ctrl-C still quits",
                    table.mode, binding.name
                ),
                false => format!(
                    "keys: {}.{} must keep a key; it keeps {kept}",
                    table.mode, binding.name
                ),
            };
            warnings.push(KeymapWarning {
                line: given[index].as_ref().and_then(|(_, line)| *line),
                message,
            });
            keys[index] = free;
        }
    }
    Ok(Keymap::new(table, keys))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::{Action, DialogAction, FileListAction, SearchAction};

    fn key(name: &str) -> Key {
        Key::parse(name).unwrap()
    }

    fn bind(mode: &str, action: &str, keys: &[&str], line: usize) -> Override {
        Override {
            mode: mode.into(),
            action: action.into(),
            keys: keys.iter().map(|k| k.to_string()).collect(),
            line: Some(line),
            mode_line: Some(line),
        }
    }

    #[test]
    fn the_spec_keys_are_bound_by_default() {
        let map = Keymaps::default();
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
        assert_eq!(
            map.action(key("enter")),
            Some(DialogAction::Save),
            "the dialog saves on Enter (SPEC)"
        );
        assert_eq!(map.action(key("esc")), Some(DialogAction::Cancel));
    }

    #[test]
    fn a_binding_replaces_the_defaults_of_its_action_only_in_its_mode() {
        let (map, warnings) = Keymaps::new(&[
            bind("normal", "next_file", &["ctrl-n"], 3),
            bind("file_list", "open", &["tab"], 4),
        ])
        .unwrap();
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(map.action(key("ctrl-n")), Some(Action::NextFile));
        assert_eq!(map.action::<Action>(key("tab")), None);
        assert_eq!(map.action(key("tab")), Some(FileListAction::Open));
        assert_eq!(map.action::<FileListAction>(key("enter")), None);
        assert_eq!(map.label(FileListAction::Open), "Tab");
    }

    #[test]
    fn a_key_on_two_actions_of_a_mode_is_an_error_naming_both_and_the_line() {
        // `j` still belongs to next_segment by default.
        let (line, err) = Keymaps::new(&[bind("normal", "mark_ok", &["a", "j"], 7)]).unwrap_err();
        assert_eq!(line, Some(7));
        let text = err.to_string();
        assert!(
            text.contains("next_segment") && text.contains("mark_ok") && text.contains('j'),
            "{text}"
        );
        // Taking it from next_segment too is fine.
        let (map, _) = Keymaps::new(&[
            bind("normal", "mark_ok", &["a", "j"], 7),
            bind("normal", "next_segment", &["down"], 8),
        ])
        .unwrap();
        assert_eq!(map.action(key("j")), Some(Action::MarkOk));
        // Two user bindings on one key.
        let (line, err) = Keymaps::new(&[
            bind("dialog", "omission", &["z"], 2),
            bind("dialog", "addition", &["z"], 3),
        ])
        .unwrap_err();
        assert!(matches!(err, KeymapError::Twice { .. }), "{err}");
        assert!(line == Some(2) || line == Some(3));
        // The same key in two modes is no clash.
        assert!(Keymaps::new(&[bind("file_list", "open", &["tab"], 1)]).is_ok());
    }

    #[test]
    fn quit_and_help_keep_a_key_and_ctrl_c_always_quits() {
        let (map, warnings) = Keymaps::new(&[bind("normal", "quit", &[], 5)]).unwrap();
        assert_eq!(map.keys(Action::Quit), &[key("q"), key("ctrl-c")]);
        assert_eq!(warnings.len(), 1);
        assert_eq!(warnings[0].line, Some(5));
        assert!(warnings[0].message.contains("quit"), "{warnings:?}");
        // A default key another action took is not given back.
        let (map, _) = Keymaps::new(&[
            bind("normal", "help", &[], 1),
            bind("normal", "search", &["?"], 2),
        ])
        .unwrap();
        assert_eq!(map.keys(Action::Help), &[key("f1")]);
        let (_, err) = Keymaps::new(&[bind("normal", "mark_ok", &["ctrl-c"], 1)]).unwrap_err();
        assert!(matches!(err, KeymapError::Reserved { .. }));
        let (_, err) = Keymaps::new(&[bind("dialog", "save", &["ctrl-z"], 1)]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "dialog.save: Ctrl-Z always suspends and cannot be bound to anything else"
        );
    }

    #[test]
    fn characters_cannot_be_bound_where_they_type_text() {
        let (_, err) = Keymaps::new(&[bind("search", "accept", &["s"], 1)]).unwrap_err();
        assert!(matches!(err, KeymapError::TextKey { .. }), "{err}");
        let (map, _) = Keymaps::new(&[bind("search", "accept", &["ctrl-s"], 1)]).unwrap();
        assert_eq!(map.text_action(key("ctrl-s")), Some(SearchAction::Accept));
        assert_eq!(map.text_action::<SearchAction>(key("s")), None);
    }

    #[test]
    fn unknown_modes_and_actions_are_warnings_and_bad_key_names_errors() {
        let (_, warnings) = Keymaps::new(&[
            bind("nromal", "quit", &["Q"], 3),
            bind("normal", "qiut", &["Q"], 4),
        ])
        .unwrap();
        let lines: Vec<_> = warnings.iter().map(|w| w.line).collect();
        assert_eq!(lines, [Some(3), Some(4)], "{warnings:?}");
        let (line, err) = Keymaps::new(&[bind("normal", "quit", &["hyper-q"], 9)]).unwrap_err();
        assert_eq!(line, Some(9));
        assert!(err.to_string().contains("hyper-q"));
    }
}
