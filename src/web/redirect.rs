//! The one parser for a place to send the browser back to (login's `next`,
//! every `back=`): a path on this site and nothing else. Browsers drop tabs
//! and line breaks from a Location and read `/\` as `//`, so anything but
//! visible ASCII is refused, which also keeps the header value valid.

/// `target` if it is a same-origin absolute path: it starts with one `/`,
/// is not `//…` or `/\…`, and has only visible ASCII characters (no
/// whitespace, control characters or backslashes).
pub fn local_path(target: &str) -> Option<&str> {
    let rest = target.strip_prefix('/')?;
    if rest.starts_with('/') {
        return None;
    }
    let visible = target.bytes().all(|b| b.is_ascii_graphic() && b != b'\\');
    visible.then_some(target)
}

/// [`local_path`], or `fallback` when the target is missing or refused.
pub fn local_or(target: Option<&str>, fallback: &str) -> String {
    target.and_then(local_path).unwrap_or(fallback).to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_visible_same_origin_paths_are_followed() {
        assert_eq!(
            local_path("/meetings/3?done=saved"),
            Some("/meetings/3?done=saved")
        );
        assert_eq!(local_path("/"), Some("/"));
        for refused in [
            "",
            "meetings",
            "//evil.example",
            "/\\evil.example",
            "/\t/evil.example",
            "/\n/x",
            "/\r/x",
            "/\u{b}/x",
            "/ /evil.example",
            "/a\\b",
            "/caf\u{e9}",
            "https://evil.example",
        ] {
            assert_eq!(local_path(refused), None, "{refused:?}");
        }
        assert_eq!(local_or(Some("//x"), "/"), "/");
        assert_eq!(local_or(None, "/directory"), "/directory");
    }
}
