//! A key as the user names it in the config file (`j`, `G`, `ctrl-d`,
//! `pagedown`, `?`) and as the terminal reports it.

use std::fmt;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use thiserror::Error;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

/// A key name the config file uses that names no key.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error(
    "unknown key {0:?}; use a character, ctrl-x, alt-x, or a name such as down, pagedown, \
     home, enter, esc, tab, space, f1"
)]
pub struct UnknownKey(pub String);

impl Key {
    /// Ctrl-C quits in every mode, whatever the config says: the way out
    /// must never depend on a file the user can get wrong.
    pub const QUIT: Key = Key {
        code: KeyCode::Char('c'),
        ctrl: true,
        alt: false,
    };

    /// Ctrl-Z suspends to the shell in every mode, as it does in any
    /// program: in raw mode the terminal sends it as a key instead of
    /// stopping the process, so a dialog that took it would swallow the
    /// `fg` typed next as its own keys.
    pub const SUSPEND: Key = Key {
        code: KeyCode::Char('z'),
        ctrl: true,
        alt: false,
    };

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
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        let code = match event.code {
            // Some terminals report ctrl-letters in upper case when shift is held.
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            code => code,
        };
        Key {
            code,
            ctrl,
            alt: event.modifiers.contains(KeyModifiers::ALT),
        }
    }

    /// The character this key types into a text field (search, filter,
    /// comment): any character without Ctrl. Alt-x types x unless bound.
    pub fn text(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c) if !self.ctrl => Some(c),
            _ => None,
        }
    }

    /// A character with no modifier: in a text field it is always text, so
    /// binding it there can never work.
    pub fn is_plain_char(self) -> bool {
        matches!(self.code, KeyCode::Char(_)) && !self.ctrl && !self.alt
    }

    pub fn parse(name: &str) -> Result<Key, UnknownKey> {
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
        let mut chars = rest.chars();
        key.code = match (chars.next(), chars.next()) {
            (Some(c), None) => KeyCode::Char(if key.ctrl { c.to_ascii_lowercase() } else { c }),
            _ => match rest.to_ascii_lowercase().as_str() {
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
                f => match f.strip_prefix('f').map(str::parse::<u8>) {
                    Some(Ok(n)) if (1..=24).contains(&n) => KeyCode::F(n),
                    _ => return Err(UnknownKey(name.to_string())),
                },
            },
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
            // A config file can name any character; the screen and stderr
            // must not receive a control or a bidi override.
            KeyCode::Char(c)
                if c.is_control()
                    || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
            {
                write!(f, "{}", c.escape_unicode())
            }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_to_what_terminals_send() {
        let shifted = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(Key::from_event(shifted), Key::parse("G").unwrap());
        let ctrl = KeyEvent::new(
            KeyCode::Char('D'),
            KeyModifiers::CONTROL | KeyModifiers::SHIFT,
        );
        assert_eq!(Key::from_event(ctrl), Key::parse("ctrl-d").unwrap());
        assert_eq!(Key::parse("c-c").unwrap(), Key::QUIT);
        assert_eq!(Key::parse("f12").unwrap().code, KeyCode::F(12));
        assert_eq!(Key::parse("f").unwrap().code, KeyCode::Char('f'));
        for bad in ["hyper-q", "", "f99", "ctrl-"] {
            assert_eq!(Key::parse(bad), Err(UnknownKey(bad.into())), "{bad:?}");
        }
    }

    #[test]
    fn characters_are_text_unless_ctrl_is_held() {
        assert_eq!(Key::parse("x").unwrap().text(), Some('x'));
        assert_eq!(Key::parse("alt-x").unwrap().text(), Some('x'));
        assert_eq!(Key::parse("ctrl-x").unwrap().text(), None);
        assert_eq!(Key::parse("enter").unwrap().text(), None);
        assert!(Key::parse("space").unwrap().is_plain_char());
        assert!(!Key::parse("alt-x").unwrap().is_plain_char());
    }

    #[test]
    fn a_control_character_is_named_not_sent() {
        let esc = Key::parse("\u{1b}").unwrap();
        assert_eq!(esc.to_string(), "\\u{1b}");
        assert_eq!(
            Key::parse("ctrl-\u{202e}").unwrap().to_string(),
            "Ctrl-\\u{202e}"
        );
    }
}
