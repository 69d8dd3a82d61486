//! HTML: the visible text, with block elements on their own lines.

/// Elements whose content is never shown.
const HIDDEN: [&str; 5] = ["script", "style", "head", "noscript", "template"];
/// Elements that start a new line.
const BLOCKS: [&str; 22] = [
    "p",
    "div",
    "br",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "blockquote",
    "pre",
    "table",
    "ul",
    "ol",
];

/// The visible text of an HTML page.
pub fn extract(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    let mut hidden: Option<String> = None;
    while let Some(lt) = rest.find('<') {
        if hidden.is_none() {
            out.push_str(&decode_entities(&rest[..lt]));
        }
        rest = &rest[lt..];
        if rest.starts_with("<!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let Some(gt) = rest.find('>') else {
            // An unterminated tag hides the rest, as browsers do.
            rest = "";
            break;
        };
        let tag = &rest[1..gt];
        rest = &rest[gt + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        match &hidden {
            Some(h) if closing && *h == name => hidden = None,
            Some(_) => {}
            None if !closing && HIDDEN.contains(&name.as_str()) && !tag.ends_with('/') => {
                hidden = Some(name)
            }
            None if BLOCKS.contains(&name.as_str()) => out.push('\n'),
            None => {}
        }
    }
    if hidden.is_none() {
        out.push_str(&decode_entities(rest));
    }
    // Source line breaks inside a paragraph are not text line breaks.
    out.split('\n')
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect::<Vec<_>>()
        .join("\n")
}

fn decode_entities(s: &str) -> String {
    html_escape::decode_html_entities(s).replace('\n', " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_visible_text_and_blocks() {
        let html = "<html><head><title>x</title><style>p{}</style></head><body>\
            <p>ĐẢNG CỘNG SẢN\n VIỆT NAM</p><script>alert(1)</script><p>Số 05-CT/TW &amp; ngày</p>\
            <!-- comment --></body></html>";
        let text = extract(html);
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        assert_eq!(lines, ["ĐẢNG CỘNG SẢN VIỆT NAM", "Số 05-CT/TW & ngày"]);
    }

    #[test]
    fn unterminated_markup_does_not_hang() {
        assert_eq!(extract("abc <p unterminated").trim(), "abc");
        assert_eq!(extract("a <!-- never closed").trim(), "a");
    }
}
