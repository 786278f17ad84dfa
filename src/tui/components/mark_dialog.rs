//! The mark dialog: adds one error to the segment, its MQM category and
//! severity on one key each, and a comment. `x` `Enter` saves the defaults;
//! `x` `o` `3` `Enter` is an omission, critical. Drawn over the bottom of
//! the panes, its legend made from the dialog's keymap in force.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use unicode_segmentation::UnicodeSegmentation;

use crate::mqm::{self, Severity};
use crate::text::{WidthMode, str_width};
use crate::tui::action::DialogAction;
use crate::tui::cells::{clear_popup, fill, popup_title, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{one_line, typed_line};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;

/// The MQM category each category action chooses, in legend order.
pub const CATEGORIES: &[(DialogAction, &str)] = &[
    (DialogAction::Mistranslation, "accuracy/mistranslation"),
    (DialogAction::Omission, "accuracy/omission"),
    (DialogAction::Addition, "accuracy/addition"),
    (DialogAction::Untranslated, "accuracy/untranslated"),
    (DialogAction::DoNotTranslate, "accuracy/do-not-translate"),
    (DialogAction::Grammar, "fluency/grammar"),
    (DialogAction::Spelling, "fluency/spelling"),
    (DialogAction::Punctuation, "fluency/punctuation"),
    (
        DialogAction::CharacterEncoding,
        "fluency/character-encoding",
    ),
    (DialogAction::Terminology, "terminology"),
    (DialogAction::Style, "style"),
    (DialogAction::LocaleConvention, "locale-convention"),
    (DialogAction::MarkupTag, "design/markup-tag"),
    (DialogAction::Link, "design/link"),
    (DialogAction::Formatting, "design/formatting"),
];

const SEVERITIES: [(DialogAction, Severity); 3] = [
    (DialogAction::Minor, Severity::Minor),
    (DialogAction::Major, Severity::Major),
    (DialogAction::Critical, Severity::Critical),
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkDialog {
    /// MQM category code.
    pub category: String,
    pub severity: Severity,
    pub comment: String,
    /// Keys go to the comment instead of choosing category and severity.
    pub typing: bool,
    /// The segment's id, safe to draw.
    id: String,
    /// The comment as drawn: sanitised, line breaks as `⏎`, in visual order.
    shown_comment: String,
}

impl MarkDialog {
    /// A fresh dialog with the SPEC defaults: it adds an error, whatever
    /// errors the segment has already.
    pub fn new(session: &Session) -> MarkDialog {
        let (doc, cursor) = (session.doc, session.position().cursor);
        let id = session
            .store
            .docs
            .get(doc)
            .and_then(|d| d.segments.get(cursor))
            .map_or(String::new(), |s| one_line(&s.id));
        MarkDialog {
            category: mqm::DEFAULT_CATEGORY.to_string(),
            severity: mqm::DEFAULT_SEVERITY,
            comment: String::new(),
            typing: false,
            id,
            shown_comment: String::new(),
        }
    }

    fn comment_changed(&mut self) {
        // Right-to-left text in visual order, as the panes show it.
        self.shown_comment = typed_line(&self.comment.replace('\n', "⏎"));
    }

    fn choose(&mut self, action: DialogAction) {
        if let Some((_, code)) = CATEGORIES.iter().find(|(a, _)| *a == action) {
            self.category = code.to_string();
        } else if let Some((_, severity)) = SEVERITIES.iter().find(|(a, _)| *a == action) {
            self.severity = *severity;
        }
    }
}

impl Component for MarkDialog {
    fn mode(&self) -> &'static str {
        "dialog"
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let action = match self.typing {
            true => keymaps.text_action::<DialogAction>(key),
            false => keymaps.action::<DialogAction>(key),
        };
        match action {
            Some(DialogAction::Save) => {
                session.add_error(&self.category, self.severity, &self.comment);
                return Outcome::Close;
            }
            Some(DialogAction::Cancel) => return Outcome::Close,
            Some(DialogAction::ToggleComment) => self.typing = !self.typing,
            Some(DialogAction::TypeComment) => self.typing = true,
            Some(DialogAction::DeleteChar) if self.typing => {
                let keep = self
                    .comment
                    .grapheme_indices(true)
                    .next_back()
                    .map_or(0, |(at, _)| at);
                self.comment.truncate(keep);
            }
            Some(DialogAction::ClearComment) if self.typing => self.comment.clear(),
            Some(DialogAction::DeleteChar | DialogAction::ClearComment) => {}
            Some(choice) => self.choose(choice),
            None => match (self.typing, key.text()) {
                (true, Some(c)) => self.comment.push(c),
                _ => return Outcome::Stay,
            },
        }
        self.comment_changed();
        Outcome::Stay
    }

    /// Pasted text goes to the comment, whatever has the keys.
    fn paste(&mut self, text: &str, _session: &mut Session) {
        self.typing = true;
        self.comment.push_str(text);
        self.comment_changed();
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        let severity = SEVERITIES
            .iter()
            .map(|(a, _)| keymaps.label(*a))
            .collect::<Vec<_>>()
            .join("/");
        vec![
            Hint::text("letter category"),
            Hint {
                keys: severity,
                what: "severity",
            },
            Hint::new(keymaps, DialogAction::ToggleComment, "comment"),
            Hint::new(keymaps, DialogAction::Save, "save"),
            Hint::new(keymaps, DialogAction::Cancel, "cancel"),
        ]
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let (theme, keymaps) = (ctx.theme, ctx.keymaps);
        let geo = ctx.session.geometry();
        let want = height(geo.width).min(geo.body_height);
        let area = Rect::new(0, geo.body_top + geo.body_height - want, geo.width, want);
        clear_popup(buf, area, theme.popup);
        let title = format!(
            " Mark bad · {} · {} save · {} cancel · {} comment ",
            self.id,
            keymaps.label(DialogAction::Save),
            keymaps.label(DialogAction::Cancel),
            keymaps.label(DialogAction::ToggleComment),
        );
        // The whole title row is the title bar.
        let bar = theme.popup.patch(theme.pane_title);
        fill(buf, Rect::new(area.x, area.y, area.width, 1), bar);
        popup_title(buf, theme, geo.mode, area, &title);

        let chosen = theme.popup.patch(theme.selection).patch(theme.bold);
        let pick = |on: bool| if on { chosen } else { theme.popup };
        let mut flow = Flow {
            buf,
            area,
            x: area.x + 1,
            y: area.y + 1,
            mode: geo.mode,
        };
        // One line per MQM dimension; the dimensions without subtypes share one.
        let mut group = "";
        for (action, code) in CATEGORIES {
            let Some(category) = mqm::category(code) else {
                continue;
            };
            let label = match category.subtype {
                Some(_) => category.dimension,
                None => "Other",
            };
            if label != group {
                if !group.is_empty() {
                    flow.newline();
                }
                group = label;
                flow.item(&format!("{label}:"), theme.popup.patch(theme.dim));
            }
            let name = category
                .subtype
                .unwrap_or(category.dimension)
                .to_lowercase();
            let keys = keymaps.label(*action);
            flow.item(&format!("{keys} {name}"), pick(self.category == *code));
        }
        flow.newline();
        flow.item("Severity:", theme.popup.patch(theme.dim));
        for (action, severity) in SEVERITIES {
            let keys = keymaps.label(action);
            flow.item(
                &format!("{keys} {severity}"),
                pick(self.severity == severity),
            );
        }
        flow.newline();
        let shown = match (self.typing, self.shown_comment.is_empty()) {
            (true, _) => format!("Comment: {}▏", self.shown_comment),
            (false, true) => format!(
                "Comment: ({} or {} to type)",
                keymaps.label(DialogAction::ToggleComment),
                keymaps.label(DialogAction::TypeComment)
            ),
            (false, false) => format!("Comment: {}", self.shown_comment),
        };
        flow.item(&shown, pick(self.typing));
    }
}

/// Lines the dialog needs at this width: title, four category lines,
/// severity, comment, and room for the longest lines to wrap when narrow.
fn height(width: u16) -> u16 {
    if width >= 90 { 7 } else { 11 }
}

/// Places labelled items left to right, starting a new line when one does not fit.
struct Flow<'a> {
    buf: &'a mut Buffer,
    area: Rect,
    x: u16,
    y: u16,
    mode: WidthMode,
}

impl Flow<'_> {
    fn item(&mut self, text: &str, style: Style) {
        let width = str_width(text, self.mode) as u16 + 2;
        if self.x > self.area.x + 1 && self.x + width > self.area.right() {
            self.newline();
        }
        if self.y < self.area.bottom() {
            let room = (self.area.right().saturating_sub(self.x)) as usize;
            self.x = put(self.buf, self.mode, (self.x, self.y), text, room, style) + 2;
        }
    }

    fn newline(&mut self) {
        self.x = self.area.x + 1;
        self.y += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::bindings::Bindable;

    #[test]
    fn every_mqm_category_has_an_action_that_names_it() {
        assert_eq!(CATEGORIES.len(), mqm::CATEGORIES.len());
        for (action, code) in CATEGORIES {
            assert!(mqm::category(code).is_some(), "{code}");
            assert_eq!(action.help(), *code, "help names the category");
        }
    }
}
