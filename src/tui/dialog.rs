//! The mark dialog: MQM category and severity on one key each, and a comment.
//! `x` `Enter` saves the defaults; `x` `o` `3` `Enter` is an omission, critical.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use unicode_segmentation::UnicodeSegmentation;

use crate::mqm::{self, Severity};
use crate::notes::{Entry, Verdict};

/// The key of every MQM category in the dialog; the dialog draws its own
/// legend from this table, so the two cannot drift.
pub const CATEGORY_KEYS: &[(char, &str)] = &[
    ('m', "accuracy/mistranslation"),
    ('o', "accuracy/omission"),
    ('a', "accuracy/addition"),
    ('u', "accuracy/untranslated"),
    ('n', "accuracy/do-not-translate"),
    ('g', "fluency/grammar"),
    ('s', "fluency/spelling"),
    ('p', "fluency/punctuation"),
    ('e', "fluency/character-encoding"),
    ('t', "terminology"),
    ('y', "style"),
    ('l', "locale-convention"),
    ('k', "design/markup-tag"),
    ('i', "design/link"),
    ('f', "design/formatting"),
];

pub const SEVERITY_KEYS: [(char, Severity); 3] = [
    ('1', Severity::Minor),
    ('2', Severity::Major),
    ('3', Severity::Critical),
];

/// The key that moves between choosing and typing the comment (besides Tab).
pub const COMMENT_KEY: char = 'c';

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkDialog {
    /// MQM category code.
    pub category: String,
    pub severity: Severity,
    pub comment: String,
    /// Keys go to the comment instead of choosing category and severity.
    pub typing: bool,
}

/// What a key did to the dialog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Open,
    Save,
    Cancel,
}

impl MarkDialog {
    /// A fresh dialog with the SPEC defaults, or one that edits a bad mark.
    pub fn new(existing: Option<&Entry>) -> MarkDialog {
        match existing.filter(|e| e.verdict == Verdict::Bad) {
            Some(entry) => MarkDialog {
                category: entry
                    .category
                    .clone()
                    .unwrap_or_else(|| mqm::DEFAULT_CATEGORY.to_string()),
                severity: entry.severity.unwrap_or(mqm::DEFAULT_SEVERITY),
                comment: entry.comment.clone(),
                typing: false,
            },
            None => MarkDialog {
                category: mqm::DEFAULT_CATEGORY.to_string(),
                severity: mqm::DEFAULT_SEVERITY,
                comment: String::new(),
                typing: false,
            },
        }
    }

    pub fn key(&mut self, event: KeyEvent) -> Outcome {
        let ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
        match event.code {
            KeyCode::Enter => return Outcome::Save,
            KeyCode::Esc => return Outcome::Cancel,
            KeyCode::Tab | KeyCode::BackTab => self.typing = !self.typing,
            KeyCode::Backspace if self.typing => {
                let keep = self
                    .comment
                    .grapheme_indices(true)
                    .next_back()
                    .map_or(0, |(at, _)| at);
                self.comment.truncate(keep);
            }
            KeyCode::Char('u') if ctrl && self.typing => self.comment.clear(),
            KeyCode::Char(c) if self.typing && !ctrl => self.comment.push(c),
            KeyCode::Char(c) if c == COMMENT_KEY && !ctrl => self.typing = true,
            KeyCode::Char(c) if !ctrl => {
                if let Some((_, code)) = CATEGORY_KEYS.iter().find(|(k, _)| *k == c) {
                    self.category = code.to_string();
                } else if let Some((_, severity)) = SEVERITY_KEYS.iter().find(|(k, _)| *k == c) {
                    self.severity = *severity;
                }
            }
            _ => {}
        }
        Outcome::Open
    }

    /// Pasted text goes to the comment, whatever has the keys.
    pub fn paste(&mut self, text: &str) {
        self.typing = true;
        self.comment.push_str(text);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(dialog: &mut MarkDialog, keys: &str) -> Outcome {
        let mut outcome = Outcome::Open;
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\u{8}' => KeyCode::Backspace,
                '\u{1b}' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            outcome = dialog.key(KeyEvent::new(code, KeyModifiers::NONE));
        }
        outcome
    }

    #[test]
    fn enter_alone_saves_the_spec_defaults() {
        let mut dialog = MarkDialog::new(None);
        assert_eq!(press(&mut dialog, "\n"), Outcome::Save);
        assert_eq!(dialog.category, "accuracy/mistranslation");
        assert_eq!(dialog.severity, Severity::Major);
    }

    #[test]
    fn category_and_severity_take_one_key_each() {
        let mut dialog = MarkDialog::new(None);
        assert_eq!(press(&mut dialog, "o3\n"), Outcome::Save);
        assert_eq!(
            (dialog.category.as_str(), dialog.severity),
            ("accuracy/omission", Severity::Critical)
        );
    }

    #[test]
    fn the_comment_takes_any_text_and_letters_stop_choosing() {
        let mut dialog = MarkDialog::new(None);
        press(&mut dialog, "ti\tmot à mot «語順» 👩‍🔬");
        assert_eq!(
            dialog.category, "design/link",
            "t then i: the last choice wins"
        );
        assert_eq!(dialog.comment, "mot à mot «語順» 👩‍🔬");
        press(&mut dialog, "\u{8}");
        assert_eq!(
            dialog.comment, "mot à mot «語順» ",
            "backspace removes the whole emoji"
        );
        assert_eq!(press(&mut dialog, "\u{1b}"), Outcome::Cancel);
    }

    #[test]
    fn every_category_key_is_distinct_and_names_an_mqm_category() {
        let mut keys: Vec<char> = CATEGORY_KEYS.iter().map(|(k, _)| *k).collect();
        keys.extend(SEVERITY_KEYS.iter().map(|(k, _)| *k));
        keys.push(COMMENT_KEY);
        let count = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), count);
        for (_, code) in CATEGORY_KEYS {
            assert!(mqm::category(code).is_some(), "{code}");
        }
        assert_eq!(CATEGORY_KEYS.len(), mqm::CATEGORIES.len());
    }
}
