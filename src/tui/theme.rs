//! Colours and modifiers of every element on screen.
//!
//! The mono theme (chosen in the config file or by `NO_COLOR`) uses only
//! `Color::Reset` and modifiers, so nothing depends on colour: the selection
//! is reversed, search hits are underlined, headings bold, the error
//! spans underlined, bold or reversed by severity, a WMT rater's spans
//! italic underlined and a check's finding bold italic.

use ratatui::style::{Color, Modifier, Style};

use crate::mqm::Severity;

/// The themes the config file can name (`theme: mono`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
    Mono,
}

impl ThemeName {
    /// The theme a config file names: `dark`, `light` or `mono`.
    pub fn named(name: &str) -> Option<ThemeName> {
        match name {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            "mono" => Some(ThemeName::Mono),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Theme {
    pub text: Style,
    pub selection: Style,
    pub pane_title: Style,
    pub top_bar: Style,
    pub status_bar: Style,
    pub dim: Style,
    pub heading: Style,
    pub bold: Style,
    pub italic: Style,
    pub code: Style,
    pub link: Style,
    pub url: Style,
    pub markup: Style,
    pub marker: Style,
    pub hit: Style,
    pub ok: Style,
    pub bad: Style,
    pub suspicious: Style,
    pub stale: Style,
    pub error: Style,
    pub popup: Style,
    /// A marked error span, by severity (`Severity` order: neutral, minor,
    /// major, critical).
    pub spans: [Style; 4],
    /// The mark in the gutter and the detail line, by severity.
    pub severities: [Style; 4],
    /// The span being selected, and the cursor of a text field.
    pub selected: Style,
    /// A span a rater of a WMT MQM file marked: underlined, where the
    /// reviewer's own marks are coloured ground, so that both show at once.
    pub rater: Style,
    /// The span a check's finding is about.
    pub finding: Style,
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::dark(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// The style of a marked span of this severity.
    pub fn span(&self, severity: Severity) -> Style {
        self.spans[severity as usize]
    }

    /// The style of a bad mark whose worst error has this severity.
    pub fn severity(&self, severity: Severity) -> Style {
        self.severities[severity as usize]
    }

    /// The theme for this session: `NO_COLOR` (any non-empty value) wins.
    pub fn from_env(name: ThemeName) -> Theme {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Theme::named(if no_color { ThemeName::Mono } else { name })
    }

    pub fn mono() -> Theme {
        let plain = Style::new().fg(Color::Reset).bg(Color::Reset);
        let bold = plain.add_modifier(Modifier::BOLD);
        let dim = plain.add_modifier(Modifier::DIM);
        Theme {
            text: plain,
            selection: plain.add_modifier(Modifier::REVERSED),
            pane_title: bold.add_modifier(Modifier::UNDERLINED),
            top_bar: plain.add_modifier(Modifier::REVERSED),
            status_bar: plain.add_modifier(Modifier::REVERSED),
            dim,
            heading: bold,
            bold,
            italic: plain.add_modifier(Modifier::ITALIC),
            code: plain,
            link: plain.add_modifier(Modifier::UNDERLINED),
            url: dim,
            markup: dim,
            marker: bold,
            hit: bold.add_modifier(Modifier::UNDERLINED),
            ok: plain,
            bad: bold,
            suspicious: bold,
            stale: dim,
            error: bold,
            popup: plain,
            spans: [
                plain.add_modifier(Modifier::UNDERLINED | Modifier::DIM),
                plain.add_modifier(Modifier::UNDERLINED),
                bold.add_modifier(Modifier::UNDERLINED),
                bold.add_modifier(Modifier::REVERSED),
            ],
            severities: [dim, plain, bold, bold.add_modifier(Modifier::REVERSED)],
            selected: plain.add_modifier(Modifier::REVERSED | Modifier::UNDERLINED),
            rater: plain.add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            finding: bold.add_modifier(Modifier::ITALIC),
        }
    }

    pub fn dark() -> Theme {
        let plain = Style::new();
        // The worst error stands out alike on dark and light ground.
        let critical = plain
            .fg(Color::White)
            .bg(Color::Red)
            .add_modifier(Modifier::BOLD);
        Theme {
            text: plain,
            selection: plain.bg(Color::Rgb(48, 52, 70)),
            pane_title: plain.fg(Color::Cyan).add_modifier(Modifier::BOLD),
            top_bar: plain.fg(Color::Black).bg(Color::Cyan),
            status_bar: plain.fg(Color::White).bg(Color::Rgb(40, 40, 48)),
            dim: plain.fg(Color::DarkGray),
            heading: plain.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            bold: plain.add_modifier(Modifier::BOLD),
            italic: plain.add_modifier(Modifier::ITALIC),
            code: plain.fg(Color::LightMagenta),
            link: plain
                .fg(Color::LightBlue)
                .add_modifier(Modifier::UNDERLINED),
            url: plain.fg(Color::DarkGray),
            markup: plain.fg(Color::DarkGray),
            marker: plain.fg(Color::Black).bg(Color::LightRed),
            hit: plain.fg(Color::Black).bg(Color::Yellow),
            ok: plain.fg(Color::Green),
            bad: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            suspicious: plain.fg(Color::Yellow),
            stale: plain.fg(Color::Magenta),
            error: plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
            popup: plain.bg(Color::Rgb(30, 30, 38)),
            spans: [
                plain.bg(Color::Rgb(32, 64, 72)),
                plain.bg(Color::Rgb(92, 80, 16)),
                plain.bg(Color::Rgb(120, 36, 36)),
                critical,
            ],
            severities: [
                plain.fg(Color::DarkGray),
                plain.fg(Color::Yellow),
                plain.fg(Color::LightRed).add_modifier(Modifier::BOLD),
                critical,
            ],
            selected: plain.fg(Color::White).bg(Color::Rgb(48, 96, 176)),
            // The underline's own colour, so that the text keeps its own.
            rater: plain
                .add_modifier(Modifier::ITALIC | Modifier::UNDERLINED)
                .underline_color(Color::LightCyan),
            finding: plain.bg(Color::Rgb(72, 48, 96)),
        }
    }

    pub fn light() -> Theme {
        let plain = Style::new();
        let dark = Theme::dark();
        Theme {
            selection: plain.bg(Color::Rgb(214, 226, 250)),
            top_bar: plain.fg(Color::White).bg(Color::Blue),
            status_bar: plain.fg(Color::Black).bg(Color::Rgb(225, 225, 225)),
            dim: plain.fg(Color::Gray),
            heading: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            code: plain.fg(Color::Magenta),
            link: plain.fg(Color::Blue).add_modifier(Modifier::UNDERLINED),
            url: plain.fg(Color::Gray),
            markup: plain.fg(Color::Gray),
            pane_title: plain.fg(Color::Blue).add_modifier(Modifier::BOLD),
            suspicious: plain.fg(Color::Rgb(160, 110, 0)),
            popup: plain.bg(Color::Rgb(245, 245, 235)),
            spans: [
                plain.bg(Color::Rgb(206, 234, 240)),
                plain.bg(Color::Rgb(250, 234, 150)),
                plain.bg(Color::Rgb(250, 196, 196)),
                dark.spans[3],
            ],
            selected: plain.fg(Color::Black).bg(Color::Rgb(150, 182, 240)),
            rater: dark.rater.underline_color(Color::Blue),
            finding: plain.bg(Color::Rgb(226, 206, 244)),
            ..dark
        }
    }
}
