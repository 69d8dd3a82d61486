//! A generated local history of 300 pages with its true table of contents: the chapter tests
//! check [`super::detect_chapters`] against it, and `vankien bench-book` times the reader's
//! in-book search on it.

use super::{Chapter, ChapterLevel};

use ChapterLevel::{Chapter as C, Part as P};

fn chapter(level: ChapterLevel, label: &str, title: Option<&str>, start_page: u32) -> Chapter {
    Chapter {
        level,
        label: label.to_string(),
        title: title.map(str::to_string),
        start_page,
    }
}

/// Prose with the book's names, wrapped at about 70 characters like a printed A5 page.
fn prose(seed: usize) -> Vec<String> {
    const SENTENCES: [&str; 8] = [
        "Dưới sự lãnh đạo của Đảng bộ huyện Bắc Quang, phong trào cách mạng phát triển mạnh mẽ ở các xã vùng cao.",
        "Nhân dân các dân tộc trên địa bàn huyện Bắc Quang đã đoàn kết, đứng lên chống thực dân Pháp và tay sai.",
        "Các chi bộ được củng cố, đội ngũ đảng viên tăng nhanh cả về số lượng và chất lượng.",
        "Ngày 19 tháng 8 năm 1945, chính quyền cách mạng được thành lập tại Vĩnh Tuy.",
        "Trong kháng chiến chống thực dân Pháp, du kích Vĩnh Tuy phối hợp với bộ đội chủ lực đánh địch.",
        "Ban Chấp hành Đảng bộ huyện Bắc Quang đã ra nghị quyết về phát triển kinh tế, văn hóa, xã hội.",
        "Phong trào thi đua yêu nước diễn ra sôi nổi, thu hút đông đảo quần chúng tham gia.",
        "Nhiều tấm gương chiến đấu dũng cảm của quân và dân Vĩnh Tuy được tuyên dương.",
    ];
    let mut text = String::new();
    for k in 0..6 {
        text.push_str(SENTENCES[(seed + k) % SENTENCES.len()]);
        text.push(' ');
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + word.chars().count() > 70 {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    lines.push(line);
    lines
}

/// What starts where in the generated history, as a reader should see it.
fn history_plan() -> Vec<(u32, Vec<&'static str>, Chapter)> {
    vec![
        (
            5,
            vec!["LỜI GIỚI THIỆU"],
            chapter(P, "Lời giới thiệu", None, 5),
        ),
        (7, vec!["Lời nói đầu"], chapter(P, "Lời nói đầu", None, 7)),
        (
            9,
            vec![
                "CHƯƠNG MỞ ĐẦU",
                "VÙNG ĐẤT, CON NGƯỜI VÀ TRUYỀN THỐNG YÊU NƯỚC",
                "CỦA NHÂN DÂN HUYỆN BẮC QUANG",
            ],
            chapter(
                P,
                "Chương mở đầu",
                Some("Vùng đất, con người và truyền thống yêu nước của nhân dân huyện Bắc Quang"),
                9,
            ),
        ),
        (
            21,
            vec![
                "PHẦN THỨ NHẤT",
                "ĐẢNG BỘ HUYỆN BẮC QUANG LÃNH ĐẠO CÁCH MẠNG DÂN TỘC DÂN CHỦ NHÂN DÂN",
                "(1930 - 1975)",
            ],
            chapter(
                P,
                "Phần thứ nhất",
                Some("Đảng bộ huyện Bắc Quang lãnh đạo cách mạng dân tộc dân chủ nhân dân (1930 - 1975)"),
                21,
            ),
        ),
        (
            23,
            vec![
                "CHƯƠNG I",
                "",
                "ĐẢNG BỘ HUYỆN BẮC QUANG RA ĐỜI VÀ LÃNH ĐẠO NHÂN DÂN",
                "ĐẤU TRANH GIÀNH CHÍNH QUYỀN",
                "(1930 - 1945)",
            ],
            chapter(
                C,
                "Chương I",
                Some("Đảng bộ huyện Bắc Quang ra đời và lãnh đạo nhân dân đấu tranh giành chính quyền (1930 - 1945)"),
                23,
            ),
        ),
        (
            58,
            vec![
                "CHUONG II",
                "ĐẢNG BỘ LÃNH ĐẠO KHÁNG CHIẾN CHỐNG THỰC DÂN PHÁP (1945 - 1954)",
            ],
            chapter(
                C,
                "Chương II",
                Some("Đảng bộ lãnh đạo kháng chiến chống thực dân Pháp (1945 - 1954)"),
                58,
            ),
        ),
        (
            95,
            vec!["Chương III: Đảng bộ lãnh đạo xây dựng chủ nghĩa xã hội và chi viện miền Nam (1954 - 1975)"],
            chapter(
                C,
                "Chương III",
                Some("Đảng bộ lãnh đạo xây dựng chủ nghĩa xã hội và chi viện miền Nam (1954 - 1975)"),
                95,
            ),
        ),
        (
            140,
            vec![
                "PHẦN THỨ HAI",
                "ĐẢNG BỘ HUYỆN LÃNH ĐẠO SỰ NGHIỆP ĐỔI MỚI",
                "(1975 - 2020)",
            ],
            chapter(
                P,
                "Phần thứ hai",
                Some("Đảng bộ huyện lãnh đạo sự nghiệp đổi mới (1975 - 2020)"),
                140,
            ),
        ),
        (
            142,
            vec![
                "CHƯƠNG lV.",
                "ĐẢNG BỘ LÃNH ĐẠO KHẮC PHỤC HẬU QUẢ CHIẾN TRANH, BẢO VỆ BIÊN GIỚI",
                "(1975 - 1986)",
            ],
            chapter(
                C,
                "Chương IV",
                Some("Đảng bộ lãnh đạo khắc phục hậu quả chiến tranh, bảo vệ biên giới (1975 - 1986)"),
                142,
            ),
        ),
        (
            190,
            vec![
                "C H Ư Ơ N G  V",
                "ĐẢNG BỘ LÃNH ĐẠO THỰC HIỆN CÔNG CUỘC ĐỔI MỚI (1986 - 2020)",
            ],
            chapter(
                C,
                "Chương V",
                Some("Đảng bộ lãnh đạo thực hiện công cuộc đổi mới (1986 - 2020)"),
                190,
            ),
        ),
        (
            235,
            vec!["CHƯƠNG VI", "NHỮNG BÀI HỌC KINH NGHIỆM"],
            chapter(C, "Chương VI", Some("Những bài học kinh nghiệm"), 235),
        ),
        (250, vec!["KẾT LUẬN"], chapter(P, "Kết luận", None, 250)),
        (
            258,
            vec![
                "PHỤ LỤC 1",
                "DANH SÁCH CÁC ĐỒNG CHÍ ANH HÙNG LỰC LƯỢNG VŨ TRANG NHÂN DÂN",
            ],
            chapter(
                P,
                "Phụ lục 1",
                Some("Danh sách các đồng chí anh hùng lực lượng vũ trang nhân dân"),
                258,
            ),
        ),
        (
            270,
            vec!["Phụ lục 2: Biên niên sự kiện"],
            chapter(P, "Phụ lục 2", Some("Biên niên sự kiện"), 270),
        ),
        (
            290,
            vec!["TÀI LIỆU THAM KHẢO"],
            chapter(P, "Tài liệu tham khảo", None, 290),
        ),
    ]
}

/// Lines that look like headings and are not, placed on given pages.
fn traps(page: u32) -> Vec<&'static str> {
    match page {
        // Before any chapter: a numbered list item is not a section.
        6 => vec!["Mục 2: Những sự kiện chính được ghi lại theo thời gian"],
        30 => vec![
            "Như đã trình bày ở",
            "chương I, Đảng bộ huyện ra đời trong hoàn cảnh rất khó khăn.",
            "Chương I đã nêu rõ những khó khăn của thời kỳ này và",
        ],
        100 => vec![
            "Danh sách các xã được phong tặng danh hiệu xem",
            "phụ lục kèm theo cuốn sách.",
            "Phụ lục kèm theo Quyết định số 12-QĐ/HU năm 1976 ghi rõ",
        ],
        150 => vec![
            "CHƯƠNG TRÌNH HÀNH ĐỘNG",
            "Mức 1: Hoàn thành xuất sắc nhiệm vụ",
            "Điều 1. Thành lập Ban chỉ đạo",
            "MỤC TIÊU",
        ],
        // A chapter of the first part named again in the second: a reference.
        200 => vec!["Chương II: Đảng bộ lãnh đạo kháng chiến chống thực dân Pháp"],
        _ => Vec::new(),
    }
}

/// A 300-page history: title page, a table of contents at the front (two pages, the second
/// without leaders), chapter openings at the planned pages, running headers (the book's title on
/// even pages, the chapter on odd ones, with the page number), traps in the running text.
pub fn history() -> (Vec<String>, Vec<Chapter>) {
    let plan = history_plan();
    let mut expected = vec![chapter(P, "Mục lục", None, 3)];
    let mut toc_front = vec!["MỤC LỤC".to_string(), String::new()];
    let mut toc_back = Vec::new();
    for (i, (page, _, c)) in plan.iter().enumerate() {
        let name = match &c.title {
            Some(t) => format!("{}: {t}", c.label),
            None => c.label.clone(),
        };
        if i < 8 {
            toc_front.push(format!("{name} {} {page}", ".".repeat(12)));
        } else {
            toc_back.push(format!("{name} {page}"));
        }
    }
    expected.extend(plan.iter().map(|(_, _, c)| c.clone()));
    let mut pages = Vec::with_capacity(300);
    let mut running: Option<String> = None;
    for page in 1..=300u32 {
        let mut lines: Vec<String> = Vec::new();
        match page {
            1 => lines.extend(
                [
                    "BAN CHẤP HÀNH ĐẢNG BỘ HUYỆN BẮC QUANG",
                    "",
                    "LỊCH SỬ ĐẢNG BỘ HUYỆN BẮC QUANG",
                    "(1930 - 2020)",
                    "",
                    "NHÀ XUẤT BẢN CHÍNH TRỊ QUỐC GIA SỰ THẬT",
                    "Hà Nội - 2021",
                ]
                .map(str::to_string),
            ),
            2 => lines.push("Chỉ đạo nội dung: Ban Thường vụ Huyện ủy Bắc Quang".to_string()),
            3 => lines.extend(toc_front.iter().cloned()),
            4 => lines.extend(toc_back.iter().cloned()),
            _ => {
                if let Some((_, heading, c)) = plan.iter().find(|(p, _, _)| *p == page) {
                    lines.extend(heading.iter().map(|l| l.to_string()));
                    lines.push(String::new());
                    running = Some(match &c.title {
                        Some(t) => format!("{}: {t}", c.label),
                        None => c.label.clone(),
                    });
                } else if page % 2 == 0 {
                    lines.push(format!("{page} LỊCH SỬ ĐẢNG BỘ HUYỆN BẮC QUANG"));
                } else if let Some(r) = &running {
                    lines.push(format!("{r} {page}"));
                }
                lines.extend(prose(page as usize));
                lines.extend(traps(page).iter().map(|l| l.to_string()));
                lines.extend(prose(page as usize + 3));
            }
        }
        pages.push(lines.join("\n"));
    }
    (pages, expected)
}
