//! The parts of the review screen, one file each: the panes (normal mode)
//! and the modes above them, which take keys, and the bars, which only show.

pub mod command_line;
pub mod copy_menu;
pub mod detail_bar;
pub mod error_list;
pub mod file_list;
pub mod findings_list;
pub mod help;
pub mod mark_dialog;
pub mod panes;
pub mod reading;
pub mod scope_picker;
pub mod search_prompt;
pub mod search_results;
pub mod segment_comment;
pub mod span_mode;
pub mod status_bar;
pub mod too_small;
pub mod top_bar;
pub mod warnings;
