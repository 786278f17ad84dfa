//! The locale of a file and the key that groups one article's translations.

use std::path::Path;

use super::FrontMatter;

/// Locale per SPEC: front matter `ms.contentlocale`, else a folder named after
/// a locale tag (`zh-tw`, `docs.ja-JP`), else `und`; always lower case.
pub fn locale(path: &str, front: &FrontMatter) -> String {
    front
        .locale
        .as_deref()
        .filter(|l| !l.is_empty())
        .map(str::to_ascii_lowercase)
        .or_else(|| locale_from_path(path))
        .unwrap_or_else(|| "und".to_string())
}

/// The locale named by the deepest folder that is, or ends in `.` plus, a locale tag.
pub fn locale_from_path(path: &str) -> Option<String> {
    locale_folder(path).map(|(_, tag)| tag.to_ascii_lowercase())
}

/// Translations of one article share this key: `ms.openlocfilehash` when
/// present, else the path below the locale folder.
pub fn article_key(path: &str, front: &FrontMatter) -> String {
    if let Some(hash) = front.openlocfilehash.as_deref().filter(|h| !h.is_empty()) {
        return format!("hash:{hash}");
    }
    let below = match locale_folder(path) {
        Some((index, _)) => components(path)
            .skip(index + 1)
            .collect::<Vec<_>>()
            .join("/"),
        None => path.to_string(),
    };
    format!("path:{below}")
}

/// Locale and article key from where a file lies on disk, for a file named
/// without its locale folder (`sxs check .` inside `docs.ja-jp/`): the
/// folders above the named path count as path components too, up to the
/// root of the repository the file is in (a folder with `.git`), so that a
/// checkout's own surroundings (`~/ja-jp/sxs/tests/…`) never give its files
/// a locale. `None` when the front matter or the named path settles the
/// locale already, or when no folder above names one either.
pub fn from_folders_above(
    name: &str,
    on_disk: &Path,
    front: &FrontMatter,
) -> Option<(String, String)> {
    let front_says = front.locale.as_deref().is_some_and(|l| !l.is_empty());
    if front_says || locale_folder(name).is_some() {
        return None;
    }
    let absolute = std::path::absolute(on_disk).ok()?;
    let mut tag = None;
    for folder in absolute.ancestors().skip(1) {
        tag = folder
            .file_name()
            .and_then(|n| n.to_str())
            .and_then(folder_tag);
        if tag.is_some() || folder.join(".git").exists() {
            break;
        }
    }
    let tag = tag?;
    Some((
        tag.to_ascii_lowercase(),
        article_key(absolute.to_str()?, front),
    ))
}

fn components(path: &str) -> impl Iterator<Item = &str> + Clone {
    path.split(['/', '\\'])
        .filter(|c| !c.is_empty() && *c != ".")
}

/// Index among `components` and tag of the deepest locale folder.
fn locale_folder(path: &str) -> Option<(usize, &str)> {
    let parts: Vec<&str> = components(path).collect();
    let folders = parts.len().saturating_sub(1);
    (0..folders)
        .rev()
        .find_map(|i| folder_tag(parts[i]).map(|tag| (i, tag)))
}

/// The locale tag a folder's name is, or ends in after a `.`.
fn folder_tag(name: &str) -> Option<&str> {
    let tag = name.rsplit('.').next().unwrap_or(name);
    is_locale_tag(tag).then_some(tag)
}

/// `ll-RR`, `lll-RR`, `ll-Ssss`, `ll-Ssss-RR`, `ll-419`: a language with at least
/// one script or region subtag, so that folder names like `api` never match.
fn is_locale_tag(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let Some(language) = parts.next() else {
        return false;
    };
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return false;
    }
    let subtags: Vec<&str> = parts.collect();
    let script = |s: &str| s.len() == 4 && s.bytes().all(|b| b.is_ascii_alphabetic());
    let region = |s: &str| {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_alphabetic()))
            || (s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
    };
    match subtags.as_slice() {
        [one] => script(one) || region(one),
        [s, r] => script(s) && region(r),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_comes_from_front_matter_then_folder_then_und() {
        let front = FrontMatter {
            locale: Some("ja-JP".into()),
            ..FrontMatter::default()
        };
        assert_eq!(locale("x/zh-tw/a.md", &front), "ja-jp");
        let none = FrontMatter::default();
        assert_eq!(locale("x/zh-tw/a.md", &none), "zh-tw");
        assert_eq!(locale("repo/docs.ja-JP/a/b.md", &none), "ja-jp");
        assert_eq!(locale("zh-Hant-TW/a.md", &none), "zh-hant-tw");
        assert_eq!(locale("api/faq/a.md", &none), "und");
        assert_eq!(locale("nuget-docs.zh-tw-2018/docs/a.md", &none), "und");
        assert_eq!(locale("ja-jp.md", &none), "und");
    }

    #[test]
    fn article_key_prefers_the_hash_then_the_path_below_the_locale_folder() {
        let none = FrontMatter::default();
        assert_eq!(
            article_key("c/pc.ja-jp/partner/a.md", &none),
            article_key("c/pc.de-de/partner/a.md", &none)
        );
        assert_ne!(
            article_key("c/pc.ja-jp/partner/a.md", &none),
            article_key("c/pc.de-de/partner/b.md", &none)
        );
        let hashed = FrontMatter {
            openlocfilehash: Some("abc".into()),
            ..FrontMatter::default()
        };
        assert_eq!(
            article_key("x/1.txt", &hashed),
            article_key("y/2.txt", &hashed)
        );
    }
}
