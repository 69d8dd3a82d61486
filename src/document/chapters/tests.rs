use super::*;

fn chapter(level: ChapterLevel, label: &str, title: Option<&str>, start_page: u32) -> Chapter {
    Chapter {
        level,
        label: label.to_string(),
        title: title.map(str::to_string),
        start_page,
    }
}

use ChapterLevel::{Chapter as C, Part as P, Section as S};

fn pages(texts: &[&str]) -> Vec<String> {
    texts.iter().map(|t| t.to_string()).collect()
}

fn labels(found: &[Chapter]) -> Vec<(&str, u32)> {
    found
        .iter()
        .map(|c| (c.label.as_str(), c.start_page))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Heading lines one by one.

#[test]
fn heading_lines_in_every_form() {
    let cases: [(&str, &str, Option<&str>); 28] = [
        ("CHƯƠNG I", "Chương I", None),
        ("Chương 1", "Chương 1", None),
        ("CHƯƠNG MỞ ĐẦU", "Chương mở đầu", None),
        ("Chương mở đầu", "Chương mở đầu", None),
        ("CHƯƠNG THỨ NHẤT", "Chương thứ nhất", None),
        ("PHẦN THỨ NHẤT", "Phần thứ nhất", None),
        ("Phần thứ hai", "Phần thứ hai", None),
        ("PHẦN THỨ TƯ", "Phần thứ tư", None),
        ("PHẦN I", "Phần I", None),
        ("Phần 2", "Phần 2", None),
        ("PHẦN MỞ ĐẦU", "Phần mở đầu", None),
        ("Mục 1", "Mục 1", None),
        ("MỤC II", "Mục II", None),
        ("PHỤ LỤC", "Phụ lục", None),
        ("Phụ lục 1", "Phụ lục 1", None),
        ("PHỤ LỤC II", "Phụ lục II", None),
        ("MỞ ĐẦU", "Mở đầu", None),
        ("LỜI NÓI ĐẦU", "Lời nói đầu", None),
        ("LỜI GIỚI THIỆU", "Lời giới thiệu", None),
        ("KẾT LUẬN", "Kết luận", None),
        (
            "NHỮNG BÀI HỌC KINH NGHIỆM",
            "Những bài học kinh nghiệm",
            None,
        ),
        ("TÀI LIỆU THAM KHẢO", "Tài liệu tham khảo", None),
        ("MỤC LỤC", "Mục lục", None),
        // Titles on the same line.
        (
            "Chương II: Đảng bộ lãnh đạo kháng chiến",
            "Chương II",
            Some("Đảng bộ lãnh đạo kháng chiến"),
        ),
        (
            "CHƯƠNG III – ĐẢNG BỘ LÃNH ĐẠO XÂY DỰNG",
            "Chương III",
            Some("ĐẢNG BỘ LÃNH ĐẠO XÂY DỰNG"),
        ),
        (
            "CHƯƠNG IV ĐẢNG BỘ LÃNH ĐẠO ĐỔI MỚI",
            "Chương IV",
            Some("ĐẢNG BỘ LÃNH ĐẠO ĐỔI MỚI"),
        ),
        (
            "Phụ lục 2: Biên niên sự kiện",
            "Phụ lục 2",
            Some("Biên niên sự kiện"),
        ),
        (
            "Chương I. Những quy định chung",
            "Chương I",
            Some("Những quy định chung"),
        ),
    ];
    for (line, label, title) in cases {
        let h = parse_heading(line).unwrap_or_else(|| panic!("{line} is a heading"));
        assert_eq!(h.label, label, "{line}");
        assert_eq!(h.same_line_title.as_deref(), title, "{line}");
    }
}

#[test]
fn ocr_noise_in_headings() {
    let cases = [
        ("CHUONG II", "Chương II"),
        ("CHƯƠNG l", "Chương I"),
        ("CHƯƠNG Il", "Chương II"),
        ("CHƯƠNG lV.", "Chương IV"),
        ("CHƯƠNG |X", "Chương IX"),
        ("CHƯƠNG   V", "Chương V"),
        ("C H Ư Ơ N G  V I", "Chương V"),
        ("CHƯƠNGIII", "Chương III"),
        ("Chương1.", "Chương 1"),
        ("PHAN THU HAI", "Phần thứ hai"),
        ("PHẦN THÚ BA", "Phần thứ ba"),
        ("K Ế T  L U Ậ N", "Kết luận"),
        ("PHU LUC 3", "Phụ lục 3"),
        ("CHƯONG VII", "Chương VII"),
        ("12 Chương III: Đảng bộ lãnh đạo", "Chương III"),
    ];
    for (line, label) in cases {
        let h = parse_heading(line).unwrap_or_else(|| panic!("{line} is a heading"));
        assert_eq!(h.label, label, "{line}");
    }
}

#[test]
fn lines_that_are_not_headings() {
    for line in [
        "chương I đã trình bày hoàn cảnh ra đời của Đảng bộ",
        "Chương I đã nêu rõ những khó khăn của thời kỳ này.",
        "Chương I, Đảng bộ huyện ra đời trong hoàn cảnh khó khăn",
        "phụ lục kèm theo",
        "Phụ lục kèm theo Quyết định số 12-QĐ/HU năm 1976",
        "Xem Phụ lục 2",
        "CHƯƠNG TRÌNH HÀNH ĐỘNG",
        "Chương trình công tác năm 2020",
        "MỤC ĐÍCH, YÊU CẦU",
        "MỤC TIÊU",
        "Mức 1: Hoàn thành xuất sắc nhiệm vụ",
        "Điều 1. Phạm vi điều chỉnh",
        "I. TÌNH HÌNH VÀ NGUYÊN NHÂN",
        "Phần lớn đảng viên đều là nông dân",
        "Phần thứ nhất của cuốn sách trình bày",
        "Phan Văn Khải",
        "KẾT LUẬN CỦA BỘ CHÍNH TRỊ",
        "Kết luận số 12-KL/TW của Bộ Chính trị",
        "Chương I ..................... 15",
        "Mở đầu cuộc kháng chiến, nhân dân huyện",
        "",
        "45",
    ] {
        assert!(
            parse_heading(line).is_none(),
            "{line:?} is not a heading: {:?}",
            parse_heading(line)
        );
    }
}

#[test]
fn sentence_case_keeps_the_books_own_names() {
    let text = vec![vec![
        "Nhân dân huyện Bắc Quang và nhân dân Vĩnh Tuy đã đứng lên chống thực dân Pháp."
            .to_string(),
        "Đảng bộ huyện Bắc Quang lãnh đạo nhân dân đánh thực dân Pháp ở Vĩnh Tuy.".to_string(),
        "Ủy ban nhân dân và Mặt trận Việt Minh của huyện Bắc Quang, lập ra ở Vĩnh Tuy.".to_string(),
    ]];
    let names = ProperNames::learn(&text);
    assert_eq!(
        sentence_case(
            "ĐẢNG BỘ HUYỆN BẮC QUANG RA ĐỜI VÀ LÃNH ĐẠO ĐẤU TRANH CHỐNG THỰC DÂN PHÁP (1930 - 1945)",
            &names
        ),
        "Đảng bộ huyện Bắc Quang ra đời và lãnh đạo đấu tranh chống thực dân Pháp (1930 - 1945)"
    );
    // No evidence: a place name ending the title keeps its capitals.
    let none = ProperNames::learn(&[]);
    assert_eq!(
        sentence_case("TRUYỀN THỐNG CÁCH MẠNG CỦA NHÂN DÂN XÃ ĐỒNG TIẾN", &none),
        "Truyền thống cách mạng của nhân dân xã Đồng Tiến"
    );
    assert_eq!(
        sentence_case(
            "ĐẢNG BỘ HUYỆN RA ĐỜI VÀ LÃNH ĐẠO NHÂN DÂN GIÀNH CHÍNH QUYỀN",
            &none
        ),
        "Đảng bộ huyện ra đời và lãnh đạo nhân dân giành chính quyền"
    );
    // Acronyms and Roman numerals stay as they are.
    assert_eq!(
        sentence_case("UBND HUYỆN THỰC HIỆN NGHỊ QUYẾT ĐẠI HỘI XII", &none),
        "UBND huyện thực hiện nghị quyết đại hội XII"
    );
}

// ---------------------------------------------------------------------------------------------
// Whole books and documents.

#[test]
fn title_on_the_following_lines_wrapped_in_capitals() {
    let found = detect_chapters(&pages(&[
        "LỊCH SỬ ĐẢNG BỘ XÃ ĐỒNG TIẾN\n(1945 – 2020)",
        "CHƯƠNG I\n\nCHI BỘ ĐẦU TIÊN RA ĐỜI VÀ LÃNH ĐẠO NHÂN DÂN\nĐẤU TRANH GIÀNH CHÍNH QUYỀN\n(1945 - 1954)\n\nNhững năm đầu, nhân dân trong xã sống\nrất khó khăn.",
        "Chương 2\nXây dựng và bảo vệ quê hương\n\nSau năm 1954, Đảng bộ xã Đồng Tiến tập trung\nkhôi phục sản xuất.",
        "Chương 3\nĐảng bộ xã lãnh đạo nhân dân khôi phục kinh tế, phát\ntriển sản xuất nông nghiệp trong những năm đầu.",
    ]));
    assert_eq!(
        found,
        [
            chapter(
                C,
                "Chương I",
                Some("Chi bộ đầu tiên ra đời và lãnh đạo nhân dân đấu tranh giành chính quyền (1945 - 1954)"),
                2
            ),
            chapter(C, "Chương 2", Some("Xây dựng và bảo vệ quê hương"), 3),
            // A first line that runs on into a paragraph is not a title.
            chapter(C, "Chương 3", None, 4),
        ]
    );
}

#[test]
fn a_period_wrapped_over_two_lines_and_a_numbered_subheading_after_the_label() {
    let found = detect_chapters(&pages(&[
        "CHƯƠNG II\nĐẢNG BỘ XÃ RA ĐỜI, LÃNH ĐẠO XÂY DỰNG CHỦ NGHĨA XÃ HỘI VÀ CHI VIỆN CHO MIỀN NAM (1954 –\n1975)\nI. KHÔI PHỤC KINH TẾ (1954 – 1960)\nHòa bình lập lại, Chi bộ xã lãnh đạo nhân dân khôi phục sản xuất và\nchi viện cho miền Nam, Chi bộ xã được củng cố.",
        "PHỤ LỤC\n\nI. NIÊN BIỂU CÁC SỰ KIỆN CHÍNH\nTháng 8/1945: Nhân dân khởi nghĩa giành chính quyền.",
    ]));
    assert_eq!(
        found,
        [
            chapter(
                C,
                "Chương II",
                // `Chi bộ` has its capital in this book; `chi viện` does not.
                Some("Đảng bộ xã ra đời, lãnh đạo xây dựng chủ nghĩa xã hội và chi viện cho miền Nam (1954 – 1975)"),
                1
            ),
            chapter(C, "Phụ lục", None, 2),
        ]
    );
}

#[test]
fn running_headers_give_one_chapter_at_its_first_page() {
    let body = "Phong trào cách mạng trong huyện tiếp tục phát triển, các chi bộ\nđược củng cố và mở rộng.";
    let mut texts = vec![
        "CHƯƠNG I\nĐẢNG BỘ HUYỆN RA ĐỜI\n\n".to_string() + body,
        format!("Chương I: Đảng bộ huyện ra đời\n{body}\n2"),
        format!("Chương I: Đảng bộ huyện ra đời\n{body}\n3"),
        "CHƯƠNG II\nKHÁNG CHIẾN CHỐNG THỰC DÂN PHÁP\n\n".to_string() + body,
    ];
    for page in 5..=9 {
        texts.push(format!(
            "{page} Chương II: Kháng chiến chống thực dân Pháp\n{body}"
        ));
    }
    let found = detect_chapters(&texts);
    assert_eq!(labels(&found), [("Chương I", 1), ("Chương II", 4)]);
    // The running headers write `Pháp` with its capital: that is the book's own evidence.
    assert_eq!(
        found[1].title.as_deref(),
        Some("Kháng chiến chống thực dân Pháp")
    );
}

#[test]
fn a_table_of_contents_makes_no_chapters_but_confirms_weak_ones() {
    let toc = "MỤC LỤC\n\nLời nói đầu ........................ 3\nChương I: Đảng bộ ra đời ........... 5\nChương II: Kháng chiến ............. 9\nKết luận ........................... 12";
    let texts = pages(&[
        toc,
        "",
        "LỜI NÓI ĐẦU\nCuốn sách ghi lại chặng đường vẻ vang.",
        "",
        "CHƯƠNG I\nĐẢNG BỘ RA ĐỜI\nNội dung chương.",
        "",
        "",
        "",
        "CHƯƠNG II\nKHÁNG CHIẾN\nNội dung chương.",
        "",
        "",
        "Những năm tháng ấy để lại nhiều bài học quý.\nNội dung tiếp theo của chương hai còn dài.\nCòn một đoạn nữa.\nKết luận\nChặng đường đã qua cho thấy sức mạnh của nhân dân.",
    ]);
    let found = detect_chapters(&texts);
    assert_eq!(
        labels(&found),
        [
            ("Mục lục", 1),
            ("Lời nói đầu", 3),
            ("Chương I", 5),
            ("Chương II", 9),
            ("Kết luận", 12)
        ]
    );
    // Without the table of contents, `Kết luận` in small letters mid-page is not enough.
    let found = detect_chapters(&texts[1..]);
    assert_eq!(
        labels(&found),
        [("Lời nói đầu", 2), ("Chương I", 4), ("Chương II", 8)]
    );
}

#[test]
fn a_table_of_contents_at_the_back_without_leaders() {
    let texts = pages(&[
        "CHƯƠNG MỞ ĐẦU\nVÙNG ĐẤT VÀ CON NGƯỜI\nVùng đất này có lịch sử lâu đời.",
        "CHƯƠNG I\nTHỜI KỲ ĐẦU\nNội dung.",
        "KẾT LUẬN\nChặng đường vẻ vang.",
        "MỤC LỤC\nChương mở đầu: Vùng đất và con người 1\nChương I: Thời kỳ đầu 2\nKết luận 3",
        "Chương I: Thời kỳ đầu 2\nKết luận 3\nMục lục 4",
    ]);
    let found = detect_chapters(&texts);
    assert_eq!(
        found,
        [
            chapter(C, "Chương mở đầu", Some("Vùng đất và con người"), 1),
            chapter(C, "Chương I", Some("Thời kỳ đầu"), 2),
            chapter(C, "Kết luận", None, 3),
            chapter(C, "Mục lục", None, 4),
        ]
    );
}

#[test]
fn an_appendix_listing_with_dot_leaders_is_not_a_table_of_contents() {
    let texts = pages(&[
        "CHƯƠNG I\nTHỜI KỲ ĐẦU\nNội dung.",
        "PHỤ LỤC 1\nDANH SÁCH BÍ THƯ QUA CÁC THỜI KỲ\nĐồng chí Nguyễn Văn Lâm .......... 1945\nĐồng chí Hoàng Văn Thụ .......... 1947\nĐồng chí Lê Văn Hòa .......... 1950",
    ]);
    assert_eq!(
        labels(&detect_chapters(&texts)),
        [("Chương I", 1), ("Phụ lục 1", 2)]
    );
}

#[test]
fn legal_texts_have_chapters_and_sections_but_no_articles() {
    let texts = pages(&[
        "QUỐC HỘI\nLUẬT\nCÁN BỘ, CÔNG CHỨC\nCăn cứ Hiến pháp nước Cộng hòa xã hội chủ nghĩa Việt Nam;\nChương I\nNHỮNG QUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nLuật này quy định về cán bộ, công chức.\nĐiều 2. Hoạt động công vụ",
        "Điều 3. Áp dụng pháp luật\nChương II\nNGHĨA VỤ, QUYỀN CỦA CÁN BỘ, CÔNG CHỨC\nMục 1\nNGHĨA VỤ CỦA CÁN BỘ, CÔNG CHỨC\nĐiều 8. Nghĩa vụ đối với Đảng, Nhà nước và nhân dân\nMục 2\nQUYỀN CỦA CÁN BỘ, CÔNG CHỨC\nĐiều 11. Quyền được bảo đảm các điều kiện thi hành công vụ",
        "Chương III\nCÁN BỘ Ở TRUNG ƯƠNG, CẤP TỈNH, CẤP HUYỆN\nMục 1\nBẦU CỬ, PHÊ CHUẨN, BỔ NHIỆM\nĐiều 21. Cán bộ\nĐiều 22. Nghĩa vụ, quyền của cán bộ",
    ]);
    let found = detect_chapters(&texts);
    assert_eq!(
        found,
        [
            chapter(C, "Chương I", Some("Những quy định chung"), 1),
            chapter(
                C,
                "Chương II",
                Some("Nghĩa vụ, quyền của cán bộ, công chức"),
                2
            ),
            chapter(S, "Mục 1", Some("Nghĩa vụ của cán bộ, công chức"), 2),
            chapter(S, "Mục 2", Some("Quyền của cán bộ, công chức"), 2),
            chapter(
                C,
                "Chương III",
                Some("Cán bộ ở trung ương, cấp tỉnh, cấp huyện"),
                3
            ),
            chapter(S, "Mục 1", Some("Bầu cử, phê chuẩn, bổ nhiệm"), 3),
        ]
    );
}

#[test]
fn parts_contain_chapters_and_numbering_may_restart() {
    let texts = pages(&[
        "PHẦN THỨ NHẤT\nKHÁNG CHIẾN\nNội dung.",
        "CHƯƠNG I\nTHỜI KỲ ĐẦU\nNội dung.",
        "CHƯƠNG II\nTHỜI KỲ SAU\nNội dung.",
        "PHẦN THỨ HAI\nXÂY DỰNG\nNội dung.",
        "CHƯƠNG I\nKHÔI PHỤC\nNội dung.",
        "Chương I: Khôi phục\nNội dung tiếp.",
        "PHỤ LỤC\nDANH SÁCH ĐẢNG VIÊN\nNội dung.",
    ]);
    let found = detect_chapters(&texts);
    assert_eq!(
        found,
        [
            chapter(P, "Phần thứ nhất", Some("Kháng chiến"), 1),
            chapter(C, "Chương I", Some("Thời kỳ đầu"), 2),
            chapter(C, "Chương II", Some("Thời kỳ sau"), 3),
            chapter(P, "Phần thứ hai", Some("Xây dựng"), 4),
            chapter(C, "Chương I", Some("Khôi phục"), 5),
            chapter(P, "Phụ lục", Some("Danh sách đảng viên"), 7),
        ]
    );
}

#[test]
fn empty_and_chapterless_texts() {
    assert!(detect_chapters(&[]).is_empty());
    assert!(detect_chapters(&pages(&["", "   "])).is_empty());
    let directive = "ĐẢNG CỘNG SẢN VIỆT NAM\nBAN CHẤP HÀNH TRUNG ƯƠNG\nSố 05-CT/TW\nCHỈ THỊ\nvề đẩy mạnh học tập\nI. TÌNH HÌNH\nNội dung.\nII. NHIỆM VỤ\n1. Các cấp ủy chỉ đạo.";
    assert!(detect_chapters(&pages(&[directive])).is_empty());
}

use super::history::history;

#[test]
fn a_generated_300_page_history_gets_its_table_of_contents() {
    let (pages, expected) = history();
    assert_eq!(pages.len(), 300);
    let found = detect_chapters(&pages);
    for (f, e) in found.iter().zip(&expected) {
        assert_eq!(f, e);
    }
    assert_eq!(found, expected);
}
