//! What others said about the segment, in full: the checks' open findings
//! with their whole message, wrapped, and the raters' judgments of a WMT
//! MQM file with their spans and comments. `A` turns the chosen finding
//! into a mark, `D` dismisses it; a rater's judgment is read-only.
//!
//! Listed over the bottom of the panes, the segment shown above it, as the
//! error list of `e` is.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use crate::check::Spot;
use crate::mqm::Side;
use crate::store::Segment;
use crate::store::wmt::{Rating, RatingKind};
use crate::text::{StyledText, sanitize};
use crate::tui::action::{Action, FindingsAction};
use crate::tui::cells::{Look, draw_line, fill, framed_popup, put};
use crate::tui::component::{Component, Context, Hint, Outcome, complain_unbound};
use crate::tui::display::{drawn_line, one_line, plural};
use crate::tui::keymap::Keymaps;
use crate::tui::keys::Key;
use crate::tui::layout::{Line, plain_lines};
use crate::tui::session::Session;
use crate::tui::wmt;

/// One thing the list shows: a header line and a text wrapped under it.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Item {
    /// Index among the segment's open findings; `None` for a judgment.
    finding: Option<usize>,
    /// Safe to draw.
    header: String,
    /// The finding's message or the judgment's comment, safe to draw.
    body: StyledText,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FindingsList {
    /// The chosen item, from 0.
    pub selected: usize,
    /// The segment listed, of the open document.
    segment: usize,
    title: String,
    items: Vec<Item>,
}

impl FindingsList {
    /// The findings and judgments of the segment under the cursor, shown
    /// above the list; `Err` says why there is nothing to list.
    pub fn new(session: &mut Session, keymaps: &Keymaps) -> Result<FindingsList, String> {
        let segment = session.position().cursor;
        let mut list = FindingsList {
            selected: 0,
            segment,
            title: String::new(),
            items: Vec::new(),
        };
        list.refresh(session);
        if list.items.is_empty() {
            let why = match session.findings.ready {
                true => "no findings and no raters' judgments on this segment",
                false => "no raters' judgments on this segment, and the checks are still running",
            };
            let next = keymaps.label(Action::NextFlagged);
            return Err(format!("{why}; {next} goes to the next flagged segment"));
        }
        session.go_to_near_top(segment);
        Ok(list)
    }

    /// The segment's open findings now: after `A` or `D` the list follows,
    /// and goes when nothing is left or the cursor left the segment.
    fn follow(&mut self, session: &Session) -> Outcome {
        self.refresh(session);
        if self.items.is_empty() || session.position().cursor != self.segment {
            return Outcome::Close;
        }
        self.selected = self.selected.min(self.items.len() - 1);
        Outcome::Stay
    }

    /// The chosen finding's index among the open findings, or a complaint.
    fn chosen(&self, session: &mut Session, keymaps: &Keymaps) -> Option<usize> {
        let finding = self.items.get(self.selected).and_then(|i| i.finding);
        if finding.is_none() {
            session.complain(format!(
                "a rater's judgment stays as it is; {} and {} add your own marks",
                keymaps.label(Action::MarkBad),
                keymaps.label(Action::SelectSpan)
            ));
        }
        finding
    }
}

impl Component for FindingsList {
    fn mode(&self) -> &'static str {
        "findings"
    }

    fn refresh(&mut self, session: &Session) {
        let (doc, segment) = (session.doc, self.segment);
        let Some(document) = session.store.docs.get(doc) else {
            return;
        };
        let Some(seg) = document.segments.get(segment) else {
            return;
        };
        self.items = session
            .open_findings(doc, segment)
            .enumerate()
            .map(|(i, f)| {
                let place = places(seg, &f.spots);
                let accepted = match session.accepted(doc, segment, f) {
                    true => "  (accepted: a mark)",
                    false => "",
                };
                Item {
                    finding: Some(i),
                    header: format!(
                        "! {:<8} {} · {}{place}{accepted}",
                        f.severity.name(),
                        f.check,
                        one_line(f.category)
                    ),
                    body: sanitize(&f.message),
                }
            })
            .collect();
        let findings = self.items.len();
        let ratings = wmt::ratings(document, segment);
        self.items.extend(ratings.iter().map(judgment));
        let mut raters: Vec<&str> = ratings.iter().map(|r| r.rater.as_str()).collect();
        raters.sort_unstable();
        raters.dedup();
        // What is there: a list of raters' judgments alone does not say
        // `no findings` while the checks still run.
        let mut counts = Vec::new();
        if findings > 0 || raters.is_empty() {
            counts.push(plural(findings, "finding", "findings"));
        }
        if !raters.is_empty() {
            counts.push(format!(
                "{} judged",
                plural(raters.len(), "rater", "raters")
            ));
        }
        self.title = format!(" segment {}: {} ", one_line(seg.id()), counts.join(" · "));
    }

    fn key(&mut self, key: Key, session: &mut Session, keymaps: &Keymaps) -> Outcome {
        let last = self.items.len().saturating_sub(1);
        match keymaps.action::<FindingsAction>(key) {
            Some(FindingsAction::Down) => self.selected = (self.selected + 1).min(last),
            Some(FindingsAction::Up) => self.selected = self.selected.saturating_sub(1),
            Some(FindingsAction::Accept) => {
                if let Some(finding) = self.chosen(session, keymaps) {
                    session.accept_finding(finding);
                    return self.follow(session);
                }
            }
            Some(FindingsAction::Dismiss) => {
                if let Some(finding) = self.chosen(session, keymaps) {
                    session.dismiss_finding(finding);
                    return self.follow(session);
                }
            }
            Some(FindingsAction::Close) => return Outcome::Close,
            None => complain_unbound(
                session,
                keymaps,
                key,
                "the findings list",
                FindingsAction::Close,
            ),
        }
        Outcome::Stay
    }

    fn hints(&self, keymaps: &Keymaps) -> Vec<Hint> {
        vec![
            Hint::new(keymaps, FindingsAction::Accept, "accept"),
            Hint::new(keymaps, FindingsAction::Dismiss, "dismiss"),
            Hint::new(keymaps, FindingsAction::Down, "next"),
            Hint::new(keymaps, FindingsAction::Close, "close"),
        ]
    }

    fn draw(&self, ctx: &Context, buf: &mut Buffer, _area: Rect) {
        let (theme, session) = (ctx.theme, ctx.session);
        let geo = session.geometry();
        let width = geo.width.saturating_sub(4) as usize;
        // Each item: its header, then its text wrapped under it.
        let laid: Vec<(&Item, Vec<Line>)> = self
            .items
            .iter()
            .map(|item| {
                (
                    item,
                    plain_lines(&item.body, width.saturating_sub(2), geo.mode),
                )
            })
            .map(|(item, lines)| match item.body.is_empty() {
                true => (item, Vec::new()),
                false => (item, lines),
            })
            .collect();
        let wanted: usize = laid.iter().map(|(_, l)| 1 + l.len()).sum::<usize>() + 2;
        let want = (wanted as u16).min(geo.body_height * 2 / 3).max(4);
        let popup = Rect::new(0, geo.body_top + geo.body_height - want, geo.width, want);
        let inner = framed_popup(buf, theme, geo.mode, popup, &self.title);
        // The chosen item's header stays in view; its text follows as room allows.
        let rows = inner.height as usize;
        let start_of = |i: usize| -> usize { laid[..i].iter().map(|(_, l)| 1 + l.len()).sum() };
        let chosen = start_of(self.selected.min(laid.len()));
        let chosen_end = chosen + laid.get(self.selected).map_or(1, |(_, l)| 1 + l.len());
        let skip = match chosen_end > rows {
            true => chosen.min(chosen_end - rows),
            false => 0,
        };
        let look = Look {
            theme,
            base: theme.popup,
            overlay: None,
            mode: geo.mode,
        };
        let mut line = 0;
        for (i, (item, lines)) in laid.iter().enumerate() {
            let style = match i == self.selected {
                true => theme.popup.patch(theme.selection),
                false => theme.popup,
            };
            let header_style = match item.finding {
                Some(_) => style.patch(theme.suspicious),
                None => style,
            };
            if let Some(y) = row_at(line, skip, inner) {
                fill(buf, Rect::new(inner.x, y, inner.width, 1), style);
                put(
                    buf,
                    geo.mode,
                    (inner.x + 1, y),
                    &item.header,
                    width,
                    header_style,
                );
            }
            line += 1;
            for text in lines {
                if let Some(y) = row_at(line, skip, inner) {
                    let area = Rect::new(inner.x + 3, y, width.saturating_sub(2) as u16, 1);
                    draw_line(buf, area, text, &look);
                }
                line += 1;
            }
        }
    }
}

/// Where a finding is, quoted: `  «a», «b» in the target`; nothing for a
/// finding about the whole segment.
fn places(seg: &Segment, spots: &[Spot]) -> String {
    let quoted = |side: Side| -> Vec<String> {
        let Some(text) = crate::tui::spans::side_text(seg, side) else {
            return Vec::new();
        };
        spots
            .iter()
            .filter(|spot| spot.side == side)
            .filter_map(|spot| text.get(spot.range.clone()))
            .map(|words| format!("«{}»", drawn_line(words)))
            .collect()
    };
    [Side::Target, Side::Source]
        .into_iter()
        .filter_map(|side| {
            let quoted = quoted(side);
            (!quoted.is_empty()).then(|| format!("  {} in the {}", quoted.join(", "), side.name()))
        })
        .collect()
}

/// The screen row of list line `line`, when it is in view.
fn row_at(line: usize, skip: usize, inner: Rect) -> Option<u16> {
    let row = line.checked_sub(skip)?;
    (row < inner.height as usize).then(|| inner.y + row as u16)
}

/// A rater's judgment as the list shows it: who, what and where, and the
/// rater's comment under it.
fn judgment(rating: &Rating) -> Item {
    let rater = one_line(&rating.rater);
    let (header, comment) = match &rating.kind {
        RatingKind::NoError => (format!("{rater}  no error"), ""),
        RatingKind::AttentionCheck { category } => (
            format!(
                "{rater}  attention check ({}): it tests the rater, not the translation",
                one_line(category)
            ),
            "",
        ),
        RatingKind::Error(e) => {
            let place = match &e.span {
                Some(span) => format!("«{}» in the {}", drawn_line(&span.text), span.side.name()),
                None => "on the whole segment".to_string(),
            };
            (
                format!(
                    "{rater}  {} {}  {place}",
                    one_line(&e.severity).to_lowercase(),
                    one_line(&e.category)
                ),
                e.comment.as_str(),
            )
        }
    };
    Item {
        finding: None,
        header,
        body: sanitize(comment),
    }
}
