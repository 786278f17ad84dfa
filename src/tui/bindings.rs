//! The shape of a mode's key table, and the macro that declares one.
//!
//! Each mode of the review screen (normal, search prompt, file list…) has an
//! action enum declared with [`bindings!`]: one line per action with its
//! config name, default keys and help text, grouped in help sections. From
//! that one table come the enum, the names the config file uses, the default
//! keymap, the help screen and the hints, as in helix's per-mode keymaps and
//! television's bindings.

/// One action of a mode as the table declares it.
#[derive(Debug)]
pub struct Binding {
    /// The name in the config file and in help (`next_segment`).
    pub name: &'static str,
    /// Default keys, as the config file names them.
    pub keys: &'static [&'static str],
    /// What the action does, as help shows it.
    pub help: &'static str,
    /// The help heading it is listed under.
    pub section: &'static str,
}

/// The key table of one mode.
#[derive(Debug)]
pub struct Table {
    /// The mode's name in the config file (`keys: { file_list: {…} }`).
    pub mode: &'static str,
    /// Whether character keys type text in this mode (a prompt or a filter):
    /// there only keys such as Enter, Esc or Ctrl-x can be bound.
    pub text_input: bool,
    /// Indices of the actions that must keep a key, so that the mode can
    /// always be left (quit, help, close, cancel).
    pub required: &'static [usize],
    pub bindings: &'static [Binding],
}

impl Table {
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.bindings.iter().position(|b| b.name == name)
    }
}

/// An action enum declared by [`bindings!`].
pub trait Bindable: Copy + Eq + std::fmt::Debug + 'static {
    const TABLE: &'static Table;
    /// Every action, in table order: `ALL[a.index()] == a`.
    const ALL: &'static [Self];

    fn index(self) -> usize;

    fn name(self) -> &'static str {
        Self::TABLE.bindings[self.index()].name
    }

    fn help(self) -> &'static str {
        Self::TABLE.bindings[self.index()].help
    }
}

/// Declares a mode's action enum and its key table:
///
/// ```ignore
/// bindings! {
///     /// Keys of the file list.
///     pub enum FileListAction {
///         mode: "file_list", text_input: true, required: [Close],
///         "File list" {
///             Open = "open", ["enter"], "open the chosen file";
///             Close = "close", ["esc"], "close the list";
///         }
///     }
/// }
/// ```
macro_rules! bindings {
    (
        $(#[$meta:meta])*
        pub enum $name:ident {
            mode: $mode:literal, text_input: $text:literal, required: [$($required:ident),* $(,)?],
            $($section:literal {
                $($variant:ident = $config:literal, [$($key:literal),* $(,)?], $help:literal;)*
            })*
        }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum $name {
            $($($variant,)*)*
        }

        impl $crate::tui::bindings::Bindable for $name {
            const TABLE: &'static $crate::tui::bindings::Table = &$crate::tui::bindings::Table {
                mode: $mode,
                text_input: $text,
                required: &[$($name::$required as usize),*],
                bindings: &[$($($crate::tui::bindings::Binding {
                    name: $config,
                    keys: &[$($key),*],
                    help: $help,
                    section: $section,
                },)*)*],
            };
            const ALL: &'static [Self] = &[$($($name::$variant,)*)*];

            fn index(self) -> usize {
                self as usize
            }
        }
    };
}

pub(crate) use bindings;
