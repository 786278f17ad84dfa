//! Everything the review screen can be asked to do. Key bindings and the
//! config file name these actions; `App::update` carries them out.

use serde::{Deserialize, Serialize};

/// Declares the actions with their help text and section in one table, so that
/// `Action::ALL`, help and the config names cannot drift apart.
macro_rules! actions {
    ($($variant:ident => $section:ident, $text:literal;)*) => {
        /// An action a key can be bound to. The snake_case names are what the
        /// config file uses (`keys: { next_segment: [j, down] }`).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum Action {
            $($variant,)*
        }

        impl Action {
            /// Every action, in the order help lists them.
            pub const ALL: &[Action] = &[$(Action::$variant,)*];

            /// What the action does, as help shows it.
            pub fn describe(self) -> &'static str {
                match self {
                    $(Action::$variant => $text,)*
                }
            }

            pub fn section(self) -> Section {
                match self {
                    $(Action::$variant => Section::$section,)*
                }
            }
        }
    };
}

actions! {
    NextSegment => Move, "next segment";
    PrevSegment => Move, "previous segment";
    HalfPageDown => Move, "half a page down";
    HalfPageUp => Move, "half a page up";
    PageDown => Move, "page down";
    PageUp => Move, "page up";
    First => Move, "first segment";
    Last => Move, "last segment";
    NextFile => Move, "next file";
    PrevFile => Move, "previous file";
    Search => Search, "search both panes";
    NextHit => Search, "next search hit";
    PrevHit => Search, "previous search hit";
    MarkOk => Review, "mark OK and go to the next segment";
    MarkBad => Review, "mark bad: category, severity, comment";
    ClearMark => Review, "clear the mark";
    Undo => Review, "undo the last change";
    Redo => Review, "redo what was undone";
    NextFlagged => Review, "next flagged or suspicious segment";
    PrevFlagged => Review, "previous flagged or suspicious segment";
    AcceptFinding => Review, "turn the check's finding into a mark";
    DismissFinding => Review, "dismiss the check's finding";
    CycleFilter => View, "show all / unreviewed / flagged / suspicious";
    NextLocale => View, "same article in the next locale";
    ReadingMode => View, "reading mode: one locale as a document";
    FileList => View, "list of loaded files";
    Help => Program, "this help";
    Quit => Program, "quit (everything is already saved)";
    Suspend => Program, "suspend to the shell";
}

/// Where an action is listed in the help screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Section {
    Move,
    Search,
    Review,
    View,
    Program,
}

impl Section {
    pub const ALL: [Section; 5] = [
        Section::Move,
        Section::Search,
        Section::Review,
        Section::View,
        Section::Program,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Section::Move => "Move",
            Section::Search => "Search",
            Section::Review => "Review",
            Section::View => "View",
            Section::Program => "Program",
        }
    }
}
