//! The reading layout of extracted text: printed line wraps are undone, real line breaks (header
//! lines, list items, signature blocks) are kept.

/// A printed line at least this long that does not end a sentence was wrapped by the printer.
const WRAPPED_LINE: usize = 60;

/// The lines of a paragraph as a reader should see them: wrapped lines joined to what follows.
pub fn reflow(paragraph: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut joining = false;
    for line in paragraph.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let starts_item = line.starts_with(['-', '+', '•', '–']) || starts_with_numbering(line);
        match out.last_mut() {
            Some(last) if joining && !starts_item => {
                last.push(' ');
                last.push_str(line);
            }
            _ => out.push(line.to_string()),
        }
        joining =
            line.chars().count() >= WRAPPED_LINE && !line.ends_with(['.', ':', ';', '!', '?']);
    }
    out
}

/// `1.`, `2)`, `a)`, `I.`, `Điều 3.` open a new item even after a wrapped line.
fn starts_with_numbering(line: &str) -> bool {
    let head: String = line.chars().take_while(|c| c.is_alphanumeric()).collect();
    let rest = &line[head.len()..];
    let numbering = !head.is_empty()
        && head.chars().count() <= 4
        && (head.chars().all(|c| c.is_ascii_digit())
            || head.chars().all(|c| "IVXLivxlabcdđe".contains(c)));
    (numbering && (rest.starts_with(". ") || rest.starts_with(") "))) || line.starts_with("Điều ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_lines_join_real_breaks_stay() {
        let text = "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\nThực hiện Nghị quyết số 27-NQ/TW, ngày 09/11/2022 của Ban Chấp hành Trung ương khóa XIII\nvề tiếp tục xây dựng Nhà nước pháp quyền.\n1. Các cấp ủy đảng quán triệt sâu rộng nội dung cơ bản của tư tưởng, đạo đức, phong\ncách Hồ Chí Minh.\n2. Tổ chức thực hiện.";
        assert_eq!(
            reflow(text),
            [
                "ĐẢNG CỘNG SẢN VIỆT NAM",
                "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "Thực hiện Nghị quyết số 27-NQ/TW, ngày 09/11/2022 của Ban Chấp hành Trung ương khóa XIII về tiếp tục xây dựng Nhà nước pháp quyền.",
                "1. Các cấp ủy đảng quán triệt sâu rộng nội dung cơ bản của tư tưởng, đạo đức, phong cách Hồ Chí Minh.",
                "2. Tổ chức thực hiện.",
            ]
        );
    }
}
