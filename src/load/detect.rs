//! Tells an input's shape from its first bytes, so no flag is ever needed to say what a
//! file is. Looks only; never consumes input.

/// What the first bytes say the input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Graph-family JSON: an array, a page, an object, or JSON Lines.
    Json,
    /// Nothing but white space (or nothing at all).
    Empty,
    /// Shapes recognised but not read yet; the error says what to do instead.
    Gzip,
    Csv,
    Text,
}

pub(crate) fn sniff(head: &[u8]) -> Shape {
    if head.starts_with(&[0x1f, 0x8b]) {
        return Shape::Gzip;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(head);
    let Some(first) = head.iter().position(|b| !b.is_ascii_whitespace()) else {
        return Shape::Empty;
    };
    let rest = &head[first..];
    match rest[0] {
        b'[' | b'{' => Shape::Json,
        _ => {
            let line = rest.split(|&b| b == b'\n').next().unwrap_or(rest);
            if line.iter().filter(|&&b| b == b',').count() >= 3 {
                Shape::Csv
            } else {
                Shape::Text
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_from_first_bytes() {
        assert_eq!(sniff(b"\xEF\xBB\xBF[{\"id\":1}]"), Shape::Json);
        assert_eq!(sniff(b"  \n{\"value\":[]}"), Shape::Json);
        assert_eq!(sniff(b""), Shape::Empty);
        assert_eq!(sniff(b" \r\n"), Shape::Empty);
        assert_eq!(sniff(&[0x1f, 0x8b, 8, 0]), Shape::Gzip);
        assert_eq!(
            sniff(b"Date (UTC),Request ID,User agent,Correlation ID\n"),
            Shape::Csv
        );
        assert_eq!(sniff(b"Error Code: 53003\nRequest Id: x\n"), Shape::Text);
    }
}
