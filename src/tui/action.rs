//! Every key of every mode, as one table per mode (see [`bindings!`]).
//!
//! To add a mode: declare its table here and list it in [`TABLES`]; write its
//! component (`components/`), whose `key` takes these actions. The config
//! file, help and hints follow from the table.

use super::bindings::{Bindable, Table, bindings};

/// Every mode's table, in the order help lists them.
pub const TABLES: &[&Table] = &[
    Action::TABLE,
    SpanAction::TABLE,
    ErrorsAction::TABLE,
    FindingsAction::TABLE,
    ScopeAction::TABLE,
    SearchAction::TABLE,
    CommandAction::TABLE,
    ResultsAction::TABLE,
    CopyAction::TABLE,
    FileListAction::TABLE,
    ReadingAction::TABLE,
    DialogAction::TABLE,
    CommentAction::TABLE,
    TextAction::TABLE,
    WarningsAction::TABLE,
    HelpAction::TABLE,
];

bindings! {
    /// Normal mode: the two panes. `App::update` carries these out.
    pub enum Action {
        mode: "normal", text_input: false, required: [Help, Quit],
        "Move" {
            NextSegment = "next_segment", ["j", "down"], "next segment";
            PrevSegment = "prev_segment", ["k", "up"], "previous segment";
            HalfPageDown = "half_page_down", ["ctrl-d"], "half a page down, through a tall segment first";
            HalfPageUp = "half_page_up", ["ctrl-u"], "half a page up, through a tall segment first";
            PageDown = "page_down", ["pagedown", "space"], "page down, through a tall segment first";
            PageUp = "page_up", ["pageup"], "page up, through a tall segment first";
            First = "first", ["g", "home"], "first segment";
            Last = "last", ["G", "end"], "last segment";
            NextFile = "next_file", ["tab"], "next file";
            PrevFile = "prev_file", ["backtab"], "previous file";
            Jump = "jump", [":"], "jump: :ID (or its start), :LINE of the file, :FILE (fuzzy)";
        }
        "Search" {
            Search = "search", ["/"], "search both panes";
            NextHit = "next_hit", ["n"], "next search hit";
            PrevHit = "prev_hit", ["N"], "previous search hit";
            ClearSearch = "clear_search", ["esc"], "clear the search";
            SearchAll = "search_all", ["S"], "every hit of the last search in all loaded files";
        }
        "Review" {
            MarkOk = "mark_ok", ["a"], "mark OK and go to the next segment";
            MarkBad = "mark_bad", ["x"], "add an error on the whole segment: category, severity, comment";
            SelectSpan = "select_span", ["v"], "select a span of the target (or the source) to mark as an error";
            Errors = "errors", ["e"], "the segment's errors: edit or delete one";
            Comment = "comment", ["C"], "comment on the segment as a whole (ok or bad)";
            ClearMark = "clear_mark", ["c"], "clear the mark";
            Undo = "undo", ["u"], "undo the last change";
            Redo = "redo", ["ctrl-r"], "redo what was undone";
            NextFlagged = "next_flagged", ["]"], "next flagged or suspicious segment";
            PrevFlagged = "prev_flagged", ["["], "previous flagged or suspicious segment";
            AcceptFinding = "accept_finding", ["A"], "turn the check's finding into a mark";
            DismissFinding = "dismiss_finding", ["D"], "dismiss the check's finding";
            Findings = "findings", ["!"], "the segment's findings and raters' judgments in full: A and D act on the chosen finding";
        }
        "View" {
            CycleFilter = "cycle_filter", ["f"], "show all / unreviewed / flagged / suspicious";
            Scope = "scope", ["F"], "show one system's documents, or the segments one rater marked (WMT MQM files)";
            NextLocale = "next_locale", ["L"], "same article in the next locale";
            NextSystem = "next_system", [">"], "same segment as the next system translated it (WMT MQM files)";
            PrevSystem = "prev_system", ["<"], "same segment as the previous system translated it";
            ReadingMode = "reading_mode", ["r"], "reading mode: one locale as a document";
            FileList = "file_list", ["o"], "list of loaded files";
            Warnings = "warnings", ["w"], "what loading warned about (files, notes, config)";
            RawSegment = "raw_segment", ["m"], "the selected segment's markup as the file has it";
            RawAll = "raw_all", ["M"], "every row's markup as the file has it";
        }
        "Text out" {
            Copy = "copy", ["y"], "copy the target, source, id or place to the clipboard (OSC 52)";
            Edit = "edit", ["E"], "open the file at the segment's line in $EDITOR";
        }
        "Program" {
            Help = "help", ["?", "f1"], "this help";
            Quit = "quit", ["q", "ctrl-c"], "quit (everything is already saved)";
            Suspend = "suspend", ["ctrl-z"], "suspend to the shell";
        }
    }
}

bindings! {
    /// Span mode: a selection in one side of the segment, vim's visual mode.
    /// While `/` is typed, characters type the text to find.
    pub enum SpanAction {
        mode: "span", text_input: false, required: [Mark, Cancel],
        "Span selection (in reading order; / then text finds it in the segment)" {
            Left = "left", ["h", "left"], "one character back";
            Right = "right", ["l", "right"], "one character on";
            WordNext = "word_next", ["w"], "to the start of the next word";
            WordBack = "word_back", ["b"], "to the start of the word (or the one before)";
            WordEnd = "word_end", ["e"], "to the end of the word (or the next)";
            Start = "start", ["0", "home"], "to the first character";
            End = "end", ["$", "end"], "to the last character";
            SwapEnds = "swap_ends", ["o"], "move the other end of the selection";
            Restart = "restart", ["v"], "start the selection again where it ends";
            Find = "find", ["/"], "select the next occurrence of the text typed";
            FindNext = "find_next", ["n"], "the occurrence after that";
            SwitchSide = "switch_side", ["tab"], "select in the other side (the source, for an omission)";
            Mark = "mark", ["x", "enter"], "mark the selection as an error (Enter also ends a / search)";
            DeleteChar = "delete_char", ["backspace"], "delete the last character of the / search";
            Cancel = "cancel", ["esc"], "cancel (the / search, then the selection)";
            Help = "help", ["?", "f1"], "this help";
        }
    }
}

bindings! {
    /// The list of a segment's errors.
    pub enum ErrorsAction {
        mode: "errors", text_input: false, required: [Close],
        "Error list" {
            Down = "down", ["j", "down"], "next error";
            Up = "up", ["k", "up"], "previous error";
            Edit = "edit", ["enter", "e"], "edit its category, severity or comment";
            Delete = "delete", ["d", "delete"], "delete it (u undoes)";
            Comment = "comment", ["C"], "comment on the segment as a whole";
            Undo = "undo", ["u"], "undo the last change";
            Redo = "redo", ["ctrl-r"], "redo what was undone";
            Close = "close", ["esc", "q"], "close the list";
        }
    }
}

bindings! {
    /// The list of a segment's findings and raters' judgments.
    pub enum FindingsAction {
        mode: "findings", text_input: false, required: [Close],
        "Findings and judgments (the checks' and the raters')" {
            Down = "down", ["j", "down"], "next item";
            Up = "up", ["k", "up"], "previous item";
            Accept = "accept", ["A", "enter"], "turn the chosen finding into a mark";
            Dismiss = "dismiss", ["D"], "dismiss the chosen finding";
            Close = "close", ["esc", "q", "!"], "close the list";
        }
    }
}

bindings! {
    /// The scope picker: characters type the filter.
    pub enum ScopeAction {
        mode: "scope", text_input: true, required: [Close],
        "What to show (WMT MQM files; characters type the filter)" {
            Choose = "choose", ["enter"], "show only the chosen system or rater (again: stop)";
            Close = "close", ["esc"], "close the picker";
            Down = "down", ["down", "tab"], "next choice";
            Up = "up", ["up", "backtab"], "previous choice";
            DeleteChar = "delete_char", ["backspace"], "delete the last character of the filter";
        }
    }
}

bindings! {
    /// The search prompt: characters type the query.
    pub enum SearchAction {
        mode: "search", text_input: true, required: [Accept, Cancel],
        "Search prompt (characters type the query)" {
            Accept = "accept", ["enter"], "keep the search and its hits";
            Cancel = "cancel", ["esc"], "cancel: back to where the search began";
            DeleteChar = "delete_char", ["backspace"], "delete the last character";
        }
    }
}

bindings! {
    /// The `:` command line: characters type the jump's target.
    pub enum CommandAction {
        mode: "command", text_input: true, required: [Accept, Cancel],
        "Jump command line (characters type :ID, :LINE or :FILE)" {
            Accept = "accept", ["enter"], "go to the chosen target";
            Cancel = "cancel", ["esc"], "close without moving";
            Down = "down", ["down", "tab"], "next target";
            Up = "up", ["up", "backtab"], "previous target";
            DeleteChar = "delete_char", ["backspace"], "delete the last character";
        }
    }
}

bindings! {
    /// The list of every search hit in every loaded file.
    pub enum ResultsAction {
        mode: "results", text_input: false, required: [Close, Cancel],
        "Search results in all files" {
            Down = "down", ["j", "down"], "next hit (the panes follow)";
            Up = "up", ["k", "up"], "previous hit (the panes follow)";
            PageDown = "page_down", ["pagedown", "space"], "a page of hits down";
            PageUp = "page_up", ["pageup"], "a page of hits up";
            Close = "close", ["enter", "q"], "close the list, staying at the hit";
            Cancel = "cancel", ["esc"], "close the list, back to where it opened";
        }
    }
}

bindings! {
    /// What `copy` copies: one key each.
    pub enum CopyAction {
        mode: "copy", text_input: false, required: [Cancel],
        "Copy (to the terminal's clipboard, OSC 52)" {
            Target = "target", ["y", "t"], "the target, as the file has it";
            Source = "source", ["s"], "the source, as the file has it";
            Id = "id", ["i"], "the segment id";
            Place = "place", ["p"], "FILE:LINE of the segment";
            Cancel = "cancel", ["esc"], "copy nothing";
        }
    }
}

bindings! {
    /// The file list: characters type the filter.
    pub enum FileListAction {
        mode: "file_list", text_input: true, required: [Close],
        "File list (characters type the filter)" {
            Open = "open", ["enter"], "open the chosen file";
            Close = "close", ["esc"], "close the list";
            Down = "down", ["down"], "next file";
            Up = "up", ["up"], "previous file";
            PageDown = "page_down", ["pagedown"], "ten files down";
            PageUp = "page_up", ["pageup"], "ten files up";
            DeleteChar = "delete_char", ["backspace"], "delete the last character of the filter";
        }
    }
}

bindings! {
    /// Reading mode: one locale's text as a document.
    pub enum ReadingAction {
        mode: "reading", text_input: false, required: [Close],
        "Reading mode" {
            LineDown = "line_down", ["j", "down"], "one line down";
            LineUp = "line_up", ["k", "up"], "one line up";
            HalfPageDown = "half_page_down", ["ctrl-d"], "half a page down";
            HalfPageUp = "half_page_up", ["ctrl-u"], "half a page up";
            PageDown = "page_down", ["pagedown", "space"], "page down";
            PageUp = "page_up", ["pageup"], "page up";
            Top = "top", ["g", "home"], "start of the document";
            Bottom = "bottom", ["G", "end"], "end of the document";
            SwitchSide = "switch_side", ["tab"], "the English source / the target";
            NextLocale = "next_locale", ["L"], "same article in the next locale";
            Help = "help", ["?", "f1"], "this help";
            Close = "close", ["esc", "r", "q"], "back to the panes, at the segment on top";
        }
    }
}

bindings! {
    /// The mark dialog: a key per category and per severity, and a comment.
    pub enum DialogAction {
        mode: "dialog", text_input: false, required: [Save, Cancel],
        "Mark dialog: category" {
            Mistranslation = "mistranslation", ["m"], "accuracy/mistranslation";
            Omission = "omission", ["o"], "accuracy/omission";
            Addition = "addition", ["a"], "accuracy/addition";
            Untranslated = "untranslated", ["u"], "accuracy/untranslated";
            DoNotTranslate = "do_not_translate", ["n"], "accuracy/do-not-translate";
            Grammar = "grammar", ["g"], "fluency/grammar";
            Spelling = "spelling", ["s"], "fluency/spelling";
            Punctuation = "punctuation", ["p"], "fluency/punctuation";
            CharacterEncoding = "character_encoding", ["e"], "fluency/character-encoding";
            Terminology = "terminology", ["t"], "terminology";
            Style = "style", ["y"], "style";
            LocaleConvention = "locale_convention", ["l"], "locale-convention";
            MarkupTag = "markup_tag", ["k"], "design/markup-tag";
            Link = "link", ["i"], "design/link";
            Formatting = "formatting", ["f"], "design/formatting";
        }
        "Mark dialog: severity" {
            Neutral = "neutral", ["0"], "neutral (a remark, no penalty)";
            Minor = "minor", ["1"], "minor";
            Major = "major", ["2"], "major";
            Critical = "critical", ["3"], "critical";
        }
        "Mark dialog (while typing the comment, characters are text and the text keys edit it)" {
            Save = "save", ["enter"], "save the error";
            Cancel = "cancel", ["esc"], "close without saving";
            TypeComment = "type_comment", ["c"], "type the comment";
            ToggleComment = "toggle_comment", ["tab", "backtab"], "switch between choosing and typing the comment";
        }
    }
}

bindings! {
    /// The comment on a segment as a whole: characters type it.
    pub enum CommentAction {
        mode: "comment", text_input: true, required: [Save, Cancel],
        "Segment comment (characters type it, the text keys edit it)" {
            Save = "save", ["enter"], "save the comment (empty: none)";
            Cancel = "cancel", ["esc"], "close without saving";
        }
    }
}

bindings! {
    /// Editing a comment, in the mark dialog and the segment comment.
    pub enum TextAction {
        mode: "text", text_input: true, required: [],
        "Editing a comment (mark dialog, segment comment)" {
            Left = "left", ["left"], "one character back";
            Right = "right", ["right"], "one character on";
            WordLeft = "word_left", ["ctrl-left", "alt-b"], "one word back";
            WordRight = "word_right", ["ctrl-right", "alt-f"], "one word on";
            Home = "home", ["home", "ctrl-a"], "to the start of the line";
            End = "end", ["end", "ctrl-e"], "to the end of the line";
            Up = "up", ["up"], "one line up";
            Down = "down", ["down"], "one line down";
            DeleteBack = "delete_back", ["backspace"], "delete the character before";
            DeleteForward = "delete_forward", ["delete", "ctrl-d"], "delete the character after";
            DeleteWord = "delete_word", ["ctrl-w", "alt-backspace"], "delete the word before";
            DeleteToStart = "delete_to_start", ["ctrl-u"], "delete to the start of the line";
            Newline = "newline", ["alt-enter", "ctrl-j"], "a line break (pasted ones are kept too)";
        }
    }
}

bindings! {
    /// The list of load warnings.
    pub enum WarningsAction {
        mode: "warnings", text_input: false, required: [Close],
        "Warnings list" {
            Down = "down", ["j", "down"], "scroll down";
            Up = "up", ["k", "up"], "scroll up";
            PageDown = "page_down", ["pagedown", "space"], "page down";
            PageUp = "page_up", ["pageup"], "page up";
            Close = "close", ["esc", "q", "w"], "close the list";
        }
    }
}

bindings! {
    /// The help screen; any key it does not bind closes it.
    pub enum HelpAction {
        mode: "help", text_input: false, required: [Close],
        "Help (any other key closes it)" {
            Down = "down", ["j", "down"], "scroll down";
            Up = "up", ["k", "up"], "scroll up";
            PageDown = "page_down", ["pagedown", "space"], "a page down";
            PageUp = "page_up", ["pageup"], "a page up";
            Last = "last", ["G", "end"], "to the end (the checks and their states)";
            First = "first", ["g", "home"], "to the top";
            Close = "close", ["esc", "q"], "close the help";
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::tui::keys::Key;

    #[test]
    fn every_table_is_sound() {
        let mut modes = HashSet::new();
        for table in TABLES {
            assert!(modes.insert(table.mode), "{} listed twice", table.mode);
            let mut names = HashSet::new();
            let mut keys = HashSet::new();
            for binding in table.bindings {
                assert!(
                    names.insert(binding.name),
                    "{}.{}",
                    table.mode,
                    binding.name
                );
                for name in binding.keys {
                    let key = Key::parse(name).expect("a default key parses");
                    assert!(keys.insert(key), "{}: {name} bound twice", table.mode);
                    assert!(
                        !(table.text_input && key.is_plain_char()),
                        "{}: {name} would type text",
                        table.mode
                    );
                }
            }
            for &r in table.required {
                assert!(!table.bindings[r].keys.is_empty(), "{}", table.mode);
            }
        }
    }

    #[test]
    fn all_lists_the_actions_in_table_order() {
        for (i, action) in DialogAction::ALL.iter().enumerate() {
            assert_eq!(action.index(), i);
        }
        assert_eq!(Action::MarkOk.name(), "mark_ok");
        assert_eq!(Action::TABLE.required.len(), 2);
    }
}
