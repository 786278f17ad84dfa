//! The mark dialog: adds one error to the segment (on the whole segment, or
//! on the span selected in span mode), or edits one from the error list:
//! its MQM category and severity on one key each, and a comment.
//! `x` `Enter` saves the defaults; `x` `o` `3` `Enter` is an omission,
//! critical. Drawn over the bottom of the panes, its legend made from the
//! dialog's keymap in force.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::mqm::{self, Severity, Side, Span};
use crate::text::{WidthMode, str_width};
use crate::tui::action::DialogAction;
use crate::tui::cells::{Look, clear_popup, draw_line, fill, popup_title, put};
use crate::tui::component::{Component, Context, Hint, Outcome};
use crate::tui::display::{drawn_line, one_line};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::session::Session;
use crate::tui::text_field::{TextField, window};

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

const SEVERITIES: [(DialogAction, Severity); 4] = [
    (DialogAction::Neutral, Severity::Neutral),
    (DialogAction::Minor, Severity::Minor),
    (DialogAction::Major, Severity::Major),
    (DialogAction::Critical, Severity::Critical),
];

/// The label before the comment.
const COMMENT: &str = "Comment: ";

/// What saving does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    /// Adds an error to the segment, on this span or (`None`) the whole segment.
    Add(Option<Span>),
    /// Changes the segment's error number `index` (from 0).
    Edit(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MarkDialog {
    /// MQM category code.
    pub category: String,
    pub severity: Severity,
    pub comment: TextField,
    /// Keys go to the comment instead of choosing category and severity.
    pub typing: bool,
    pub purpose: Purpose,
    /// What the title says, safe to draw.
    title: String,
    /// The span's text on one line, safe to draw, in visual order.
    span: Option<String>,
}

/// The category a span of the source starts with.
const OMISSION: &str = "accuracy/omission";

impl MarkDialog {
    /// A fresh dialog with the SPEC defaults: it adds an error on the whole
    /// segment, whatever errors the segment has already.
    pub fn new(session: &Session) -> MarkDialog {
        MarkDialog::adding(session, None)
    }

    /// A fresh dialog that adds an error on `span`.
    pub fn for_span(session: &Session, span: Span) -> MarkDialog {
        MarkDialog::adding(session, Some(span))
    }

    fn adding(session: &Session, span: Option<Span>) -> MarkDialog {
        let shown = span.as_ref().map(|span| {
            let side = match span.side {
                Side::Target => "target",
                Side::Source => "source (an omission?)",
            };
            format!("In the {side}: «{}»", drawn_line(&span.text))
        });
        // What the source has and the target lacks is an omission (SPEC,
        // `side`): that is what a span of the source is marked for.
        let category = match span.as_ref().map(|s| s.side) {
            Some(Side::Source) => OMISSION,
            _ => mqm::DEFAULT_CATEGORY,
        };
        MarkDialog {
            category: category.to_string(),
            severity: mqm::DEFAULT_SEVERITY,
            comment: TextField::new("", locale(session)),
            typing: false,
            title: format!("Add an error · {}", segment_id(session)),
            span: shown,
            purpose: Purpose::Add(span),
        }
    }

    /// A dialog that edits the segment's error number `index` (from 0):
    /// its category, severity and comment; its span stays. `None` when the
    /// segment has no such error.
    pub fn edit(session: &Session, index: usize) -> Option<MarkDialog> {
        let cursor = session.position().cursor;
        let entry = session.entry(session.doc, cursor)?;
        let error = entry.errors.get(index)?;
        let span = error
            .span
            .as_ref()
            .map(|s| format!("«{}»", drawn_line(&s.text)));
        Some(MarkDialog {
            category: error.category.clone(),
            severity: error.severity,
            comment: TextField::new(&error.comment, locale(session)),
            typing: false,
            title: format!(
                "Edit error {} of {} · {}",
                index + 1,
                entry.errors.len(),
                segment_id(session)
            ),
            span,
            purpose: Purpose::Edit(index),
        })
    }

    fn choose(&mut self, action: DialogAction) {
        if let Some((_, code)) = CATEGORIES.iter().find(|(a, _)| *a == action) {
            self.category = code.to_string();
        } else if let Some((_, severity)) = SEVERITIES.iter().find(|(a, _)| *a == action) {
            self.severity = *severity;
        }
    }

    fn save(&self, session: &mut Session) -> Outcome {
        let (category, severity, comment) = (&self.category, self.severity, self.comment.text());
        match &self.purpose {
            Purpose::Add(span) => {
                session.add_error(category, severity, comment, span.clone());
                // Back to the panes, from span mode too.
                Outcome::Back
            }
            Purpose::Edit(index) => {
                session.edit_error(*index, category, severity, comment);
                Outcome::Close
            }
        }
    }

    /// The legend: the categories, one line per MQM dimension, then the
    /// severities; `None` starts a line. `all` false lists only the chosen
    /// category, for a window too low for every one: what will be saved
    /// always shows, and the keys still work.
    fn legend(&self, ctx: &Context, all: bool) -> Vec<Option<(String, Tone)>> {
        let keymaps = ctx.keymaps;
        let pick = |on: bool| if on { Tone::Chosen } else { Tone::Plain };
        let mut items = Vec::new();
        // One line per MQM dimension; the dimensions without subtypes share one.
        let mut group = "";
        let listed = CATEGORIES
            .iter()
            .filter(|(_, code)| all || self.category == *code);
        for (action, code) in listed {
            let Some(category) = mqm::category(code) else {
                continue;
            };
            let label = match category.subtype {
                Some(_) => category.dimension,
                None => "Other",
            };
            if label != group {
                if !group.is_empty() {
                    items.push(None);
                }
                group = label;
                items.push(Some((format!("{label}:"), Tone::Dim)));
            }
            let name = category
                .subtype
                .unwrap_or(category.dimension)
                .to_lowercase();
            let keys = keymaps.label(*action);
            items.push(Some((
                format!("{keys} {name}"),
                pick(self.category == *code),
            )));
        }
        items.push(None);
        items.push(Some(("Severity:".into(), Tone::Dim)));
        for (action, severity) in SEVERITIES {
            let keys = keymaps.label(action);
            items.push(Some((
                format!("{keys} {severity}"),
                pick(self.severity == severity),
            )));
        }
        items
    }
}

fn segment_id(session: &Session) -> String {
    let (doc, cursor) = (session.doc, session.position().cursor);
    session
        .store
        .docs
        .get(doc)
        .and_then(|d| d.segments.get(cursor))
        .map_or(String::new(), |s| one_line(s.id()))
}

fn locale(session: &Session) -> &str {
    session
        .store
        .docs
        .get(session.doc)
        .map_or("", |d| d.locale.as_str())
}

/// How a legend item is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tone {
    Dim,
    Plain,
    Chosen,
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
            Some(DialogAction::Save) => return self.save(session),
            Some(DialogAction::Cancel) => return Outcome::Close,
            Some(DialogAction::ToggleComment) => self.typing = !self.typing,
            Some(DialogAction::TypeComment) => self.typing = true,
            Some(choice) => self.choose(choice),
            None if self.typing => {
                self.comment.key(key, keymaps);
            }
            None => {}
        }
        Outcome::Stay
    }

    /// Pasted text goes to the comment, whatever has the keys.
    fn paste(&mut self, text: &str, _session: &mut Session) {
        self.typing = true;
        self.comment.paste(text);
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        if self.typing {
            return vec![
                Hint::text("type the comment"),
                Hint::new(keymaps, DialogAction::ToggleComment, "choose"),
                Hint::new(keymaps, DialogAction::Save, "save"),
                Hint::new(keymaps, DialogAction::Cancel, "cancel"),
            ];
        }
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
        let inner = geo.width.saturating_sub(2);
        let label = str_width(COMMENT, geo.mode) as u16;
        let field_width = inner.saturating_sub(label) as usize;
        let lines = self.comment.lines(field_width, geo.mode, self.typing);
        let above = 1 + self.span.is_some() as u16;
        let mut legend = place(&self.legend(ctx, true), inner, geo.mode);
        let rows = |legend: &[(u16, u16, String, Tone)]| legend.last().map_or(0, |item| item.1 + 1);
        if above + rows(&legend) + 1 > geo.body_height {
            legend = place(&self.legend(ctx, false), inner, geo.mode);
        }
        let legend_rows = rows(&legend);
        let fixed = above + legend_rows;
        let want = (fixed + lines.len() as u16).min(geo.body_height);
        let area = Rect::new(0, geo.body_top + geo.body_height - want, geo.width, want);
        clear_popup(buf, area, theme.popup);
        let title = format!(
            " {} · {} save · {} cancel · {} comment ",
            self.title,
            keymaps.label(DialogAction::Save),
            keymaps.label(DialogAction::Cancel),
            keymaps.label(DialogAction::ToggleComment),
        );
        // The whole title row is the title bar.
        let bar = theme.popup.patch(theme.pane_title);
        fill(buf, Rect::new(area.x, area.y, area.width, 1), bar);
        popup_title(buf, theme, geo.mode, area, &title);
        let mut y = area.y + 1;
        if let Some(span) = &self.span
            && y < area.bottom()
        {
            put(
                buf,
                geo.mode,
                (1, y),
                span,
                inner as usize,
                theme.popup.patch(theme.bold),
            );
            y += 1;
        }
        let chosen = theme.popup.patch(theme.selection).patch(theme.bold);
        for (x, row, text, tone) in &legend {
            let at = y + *row;
            if at >= area.bottom() {
                break;
            }
            let style = match tone {
                Tone::Dim => theme.popup.patch(theme.dim),
                Tone::Plain => theme.popup,
                Tone::Chosen => chosen,
            };
            put(buf, geo.mode, (1 + x, at), text, inner as usize, style);
        }
        y += legend_rows;
        if y >= area.bottom() {
            return;
        }
        let label_style = match self.typing {
            true => chosen,
            false => theme.popup.patch(theme.dim),
        };
        put(buf, geo.mode, (1, y), COMMENT, label as usize, label_style);
        if self.comment.is_empty() && !self.typing {
            let hint = format!(
                "({} or {} to type)",
                keymaps.label(DialogAction::ToggleComment),
                keymaps.label(DialogAction::TypeComment)
            );
            put(
                buf,
                geo.mode,
                (1 + label, y),
                &hint,
                field_width,
                theme.popup.patch(theme.dim),
            );
            return;
        }
        let look = Look {
            theme,
            base: theme.popup,
            overlay: None,
            mode: geo.mode,
        };
        let rows = (area.bottom() - y) as usize;
        for (i, line) in window(&lines, rows).iter().enumerate() {
            let row = Rect::new(1 + label, y + i as u16, field_width as u16, 1);
            draw_line(buf, row, line, &look);
        }
    }
}

/// Places legend items left to right, starting a new line when one does
/// not fit or at `None`: (column, line, text, tone) of each, in `width`
/// cells.
fn place(
    items: &[Option<(String, Tone)>],
    width: u16,
    mode: WidthMode,
) -> Vec<(u16, u16, String, Tone)> {
    let mut placed = Vec::new();
    let (mut x, mut y) = (0u16, 0u16);
    for item in items {
        let Some((text, tone)) = item else {
            (x, y) = (0, y + 1);
            continue;
        };
        let w = str_width(text, mode) as u16;
        if x > 0 && x + w > width {
            (x, y) = (0, y + 1);
        }
        placed.push((x, y, text.clone(), *tone));
        x += w + 2;
    }
    placed
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
