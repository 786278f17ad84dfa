//! The top bar (file, locale, translation type, title) and the status bar
//! (position, progress, mode, the keys that matter now).

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::text::{fill, put};
use crate::store::Block;
use crate::text::str_width;
use crate::text::{BaseDirection, WidthMode, display_form, lay_out, sanitize};
use crate::tui::action::Action;
use crate::tui::app::{App, Mode};
use crate::tui::review::Filter;

pub fn top(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    fill(buf, area, theme.top_bar);
    let Some(doc) = app.store.docs.get(app.doc) else {
        put(
            buf,
            app.width_mode,
            (area.x, area.y),
            " no segment files loaded",
            area.width as usize,
            theme.top_bar,
        );
        return;
    };
    let kind = doc.front.translation_type.as_deref().unwrap_or("?");
    // A title made of spans (2018 files) shows its translation, not its markup.
    let title_segment = doc
        .segments
        .iter()
        .find(|s| matches!(&s.block, Block::FrontMatter { key } if key == "title"));
    let title = title_segment
        .map(|s| s.target.as_str())
        .or(doc.front.title.as_deref())
        .map(|t| one_line(t, &doc.locale, app.width_mode))
        .unwrap_or_default();
    let count = format!(" {}/{} ", app.doc + 1, app.store.docs.len());
    let text = format!(" {} · {} · {} · {}", doc.path, doc.locale, kind, title);
    let room = (area.width as usize).saturating_sub(str_width(&count, app.width_mode));
    put(
        buf,
        app.width_mode,
        (area.x, area.y),
        &text,
        room,
        theme.top_bar,
    );
    if room > 0 {
        put(
            buf,
            app.width_mode,
            (area.x + room as u16, area.y),
            &count,
            area.width as usize - room,
            theme.top_bar,
        );
    }
}

/// Raw text as one line in visual order (a Hebrew title reads right to left).
fn one_line(raw: &str, locale: &str, mode: WidthMode) -> String {
    let text = display_form(raw);
    let visual = lay_out(&text, usize::MAX, mode, BaseDirection::for_locale(locale));
    let lines: Vec<String> = visual
        .lines
        .iter()
        .map(|line| line.spans.iter().map(|(s, _)| s.as_ref()).collect())
        .collect();
    lines.join(" ")
}

pub fn status(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    fill(buf, area, theme.status_bar);
    let left = match &app.mode {
        Mode::SearchInput { query, .. } => format!(" /{query}▏ {} matching", app.search.hits.len()),
        Mode::Reading(reading) => format!(
            " READING {} · line {}/{}",
            if reading.source {
                "en-us"
            } else {
                app.store.docs[app.doc].locale.as_str()
            },
            reading.top + 1,
            reading.lines.len()
        ),
        _ => {
            let pos = app.position();
            let count = app.segment_count();
            let file = app.progress(app.doc);
            let mut left = format!(
                " {}/{}  {}%",
                (pos.cursor + 1).min(count),
                count,
                file.percent()
            );
            if app.store.docs.len() > 1 {
                left += &format!(" (all {}%)", app.total_progress().percent());
            }
            left += &format!("  ✗{}  !{}", file.bad, file.suspicious);
            if file.stale > 0 {
                left += &format!("  ~{} stale", file.stale);
            }
            if app.filter != Filter::All {
                left += &format!("  [{}]", app.filter.label());
            }
            if !app.search.query.is_empty() {
                left += &format!("  /{} {} hits", app.search.query, app.search.hits.len());
            }
            if app.notes.is_read_only() {
                left += "  READ-ONLY";
            }
            left
        }
    };
    let at = put(
        buf,
        app.width_mode,
        (area.x, area.y),
        &left,
        area.width as usize,
        theme.status_bar,
    );
    let (right, style) = match &app.flash {
        Some(flash) => (
            flash.text.clone(),
            if flash.error {
                theme.status_bar.patch(theme.error)
            } else {
                theme.status_bar
            },
        ),
        None => (hints(app), theme.status_bar.patch(theme.dim)),
    };
    let room = (area.right() - at).saturating_sub(2) as usize;
    let width = str_width(&right, app.width_mode).min(room);
    let x = area.right().saturating_sub(width as u16 + 1).max(at + 1);
    if room > 0 {
        put(buf, app.width_mode, (x, area.y), &right, room, style);
    }
}

/// The keys worth knowing in the current mode, from the keymap itself.
fn hints(app: &App) -> String {
    let key = |action| app.keymap.label(action);
    match &app.mode {
        Mode::Normal => [
            (Action::MarkOk, "ok"),
            (Action::MarkBad, "bad"),
            (Action::Undo, "undo"),
            (Action::NextFlagged, "next flag"),
            (Action::Search, "search"),
            (Action::Help, "help"),
        ]
        .iter()
        .map(|(action, what)| format!("{} {what}", key(*action)))
        .collect::<Vec<_>>()
        .join("  "),
        Mode::SearchInput { .. } => "Enter keep  Esc cancel".into(),
        Mode::FileList(_) => "type to filter  ↑↓ choose  Enter open  Esc close".into(),
        Mode::Help { .. } => "↑↓ scroll  any other key closes".into(),
        Mode::Mark(_) => {
            "letter category  1-3 severity  Tab comment  Enter save  Esc cancel".into()
        }
        Mode::Reading(_) => format!(
            "Tab source/target  {} locale  {} back",
            key(Action::NextLocale),
            key(Action::ReadingMode)
        ),
    }
}

/// The line about the selected segment: where it is in the file, its mark,
/// and what the checks found.
pub fn detail(app: &App, buf: &mut Buffer, area: Rect) {
    let theme = &app.theme;
    fill(buf, area, theme.text);
    let (doc, cursor) = (app.doc, app.position().cursor);
    let Some(seg) = app.store.docs.get(doc).and_then(|d| d.segments.get(cursor)) else {
        return;
    };
    let mut pieces: Vec<(String, ratatui::style::Style)> = vec![(
        format!(" {} · {} · line {}", seg.id, seg.block.name(), seg.line),
        theme.dim,
    )];
    if let Some(entry) = app.entry(doc, cursor) {
        let mark = match entry.verdict {
            crate::notes::Verdict::Ok => (format!("  ✓ ok ({})", entry.reviewer), theme.ok),
            crate::notes::Verdict::Bad => {
                let severity = entry.bad_severity().map(|s| s.name()).unwrap_or_default();
                let category = entry.category_label().unwrap_or_default();
                let comment = sanitize(&entry.comment).text().replace('\n', " ");
                let comment = if comment.is_empty() {
                    String::new()
                } else {
                    format!(": {comment}")
                };
                (format!("  ✗ {severity} {category}{comment}"), theme.bad)
            }
            crate::notes::Verdict::Other(ref v) => (format!("  ? {v}"), theme.dim),
        };
        pieces.push(mark);
        if app.is_stale(doc, cursor) {
            pieces.push((
                "  ~ stale: the target changed since it was marked".into(),
                theme.stale,
            ));
        }
    }
    let open: Vec<_> = app.open_findings(doc, cursor).collect();
    if let Some(first) = open.first() {
        let more = if open.len() > 1 {
            format!(" (+{} more)", open.len() - 1)
        } else {
            String::new()
        };
        let text = sanitize(&first.message).text().replace('\n', " ");
        pieces.push((
            format!("  ! {}: {text}{more}", first.check),
            theme.suspicious,
        ));
    } else if !app.findings.ready {
        pieces.push(("  checking…".into(), theme.dim));
    }
    let mut x = area.x;
    for (text, style) in pieces {
        if x >= area.right() {
            break;
        }
        x = put(
            buf,
            app.width_mode,
            (x, area.y),
            &text,
            (area.right() - x) as usize,
            style,
        );
    }
}
