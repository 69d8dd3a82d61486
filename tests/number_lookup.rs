//! Number lookup at scale: a library of generated and hand-written documents in which numbers
//! are shared (one number, many issuers; one number and issuer, several years and terms) and
//! cited far more often than carried, ingested by the real binary. For a sample of carried
//! numbers every shape a cadre types is searched, and each must be exact: the first results are
//! exactly the carriers of the number, and with a year or term the carriers of that year or term
//! come first.

mod support;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use support::{party_document, TestArchive};
use unicode_normalization::UnicodeNormalization;
use vankien::bench::corpus::{self, GeneratedDocument};
use vankien::document::term::roman_numeral;
use vankien::search::SearchRequest;
use vankien::vietnamese::fold;

/// Generated documents in the library (plus the hand-written ones).
const GENERATED: usize = 1200;
const SEED: u64 = 2024;
/// At least this many numbers are looked up in every shape.
const SAMPLE: usize = 80;

/// What a document in the library is, as its author knows it.
#[derive(Debug, Clone)]
struct Truth {
    file: String,
    number: String,
    /// `DocType::code`: `CT`, `QĐ`, `QyĐ`, `CV` …
    doc_type: String,
    issued: NaiveDate,
    term: Option<u8>,
    cites: Vec<String>,
}

impl Truth {
    fn generated(doc: &GeneratedDocument) -> Truth {
        Truth {
            file: doc.file_name.clone(),
            number: doc.number.clone(),
            doc_type: doc.doc_type.clone(),
            issued: doc.issued,
            term: doc.term,
            cites: doc.cites.clone(),
        }
    }

    fn symbol(&self) -> Symbol {
        Symbol::of(&self.number, &self.doc_type)
    }
}

/// A canonical number taken apart by its printed shape (not by the parser under test).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Symbol {
    serial: u32,
    /// Type code as printed (`CT`, `QĐ`, `NĐ`); letters have none.
    code: Option<String>,
    issuer: String,
    year: Option<i32>,
    party: bool,
}

impl Symbol {
    fn of(number: &str, doc_type: &str) -> Symbol {
        if let Some((serial, rest)) = number.split_once('-') {
            if let Some((code, issuer)) = rest.split_once('/') {
                return Symbol {
                    serial: serial.parse().expect("serial"),
                    code: Some(code.to_string()),
                    issuer: issuer.to_string(),
                    year: None,
                    party: true,
                };
            }
        }
        let parts: Vec<&str> = number.split('/').collect();
        let serial = parts[0].parse().expect("serial");
        let (year, rest) = match parts.len() {
            3 => (Some(parts[1].parse().expect("year")), parts[2]),
            _ => (None, parts[1]),
        };
        let (code, issuer) = if doc_type == "CV" {
            (None, rest.to_string())
        } else {
            let (code, issuer) = rest.split_once('-').expect("code-issuer");
            (Some(code.to_string()), issuer.to_string())
        };
        Symbol {
            serial,
            code,
            issuer,
            year,
            party: false,
        }
    }

    /// The folded code a type word finds it under: `QD`, `DA`, `CTR`; letters `CV`.
    fn folded_code(&self) -> String {
        self.code
            .as_deref()
            .map_or("CV".to_string(), |c| fold(c).to_uppercase())
    }
}

/// The number with folded letters and no leading zero: two numbers are the same symbol when
/// these agree (`05-CT/TW` = `5-CT/TW`, `17-ĐA/TU` = `17-DA/TU`).
fn symbol_key(number: &str) -> String {
    fold(number.trim_start_matches('0')).to_uppercase()
}

// ---------------------------------------------------------------------------------------------
// Hand-written documents: real numbers shared across issuers, years and terms.

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("date")
}

fn state_document(
    issuer_lines: &str,
    number: &str,
    place_date: &str,
    heading: &str,
    subject: &str,
    body: &str,
) -> String {
    format!(
        "{issuer_lines}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: {number}\n{place_date}\n\n{heading}\n{subject}\n\n{body}\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\nNguyễn Văn Sơn\n"
    )
}

fn state_letter(
    issuer_lines: &str,
    number: &str,
    subject: &str,
    place_date: &str,
    body: &str,
) -> String {
    format!(
        "{issuer_lines}\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: {number}\nV/v {subject}\n{place_date}\n\nKính gửi: Các sở, ban, ngành tỉnh.\n\n{body}\n\nTM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHoàng Gia Long\n"
    )
}

/// A carrier: (file, number, type, date, term, text); its subject for citers.
struct Carrier {
    truth: Truth,
    text: String,
    type_name: &'static str,
    by: &'static str,
    subject: &'static str,
}

#[allow(clippy::too_many_arguments)]
fn carrier(
    file: &str,
    number: &str,
    doc_type: &str,
    issued: NaiveDate,
    term: Option<u8>,
    type_name: &'static str,
    by: &'static str,
    subject: &'static str,
    text: String,
) -> Carrier {
    Carrier {
        truth: Truth {
            file: file.to_string(),
            number: number.to_string(),
            doc_type: doc_type.to_string(),
            issued,
            term,
            cites: Vec::new(),
        },
        text,
        type_name,
        by,
        subject,
    }
}

fn hand_written_carriers() -> Vec<Carrier> {
    let body = "Các cấp ủy, tổ chức đảng quán triệt sâu sắc và tổ chức thực hiện nghiêm túc các nội dung sau.\n\n\
        1. Tăng cường sự lãnh đạo của các cấp ủy đảng, phát huy vai trò của cả hệ thống chính trị.\n\n\
        2. Đổi mới nội dung, phương thức tuyên truyền, bảo đảm thiết thực, hiệu quả.";
    let khoa_x = "HỘI NGHỊ LẦN THỨ BẢY BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA X";
    let khoa_xiii = "HỘI NGHỊ LẦN THỨ SÁU BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA XIII";
    let nq27_x_subject = "về xây dựng đội ngũ trí thức trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước";
    let nq27_xiii_subject = "về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới";
    let ct05_subject = "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh";
    vec![
        carrier(
            "h-nq-27-2008-tw.txt",
            "27-NQ/TW",
            "NQ",
            day(2008, 8, 6),
            Some(10),
            "Nghị quyết",
            "Ban Chấp hành Trung ương Đảng (khóa X)",
            nq27_x_subject,
            party_document(
                "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "27-NQ/TW",
                "Hà Nội, ngày 06 tháng 8 năm 2008",
                &format!("NGHỊ QUYẾT\n{khoa_x}"),
                nq27_x_subject,
                body,
            ),
        ),
        carrier(
            "h-nq-27-2022-tw.txt",
            "27-NQ/TW",
            "NQ",
            day(2022, 11, 9),
            Some(13),
            "Nghị quyết",
            "Ban Chấp hành Trung ương Đảng (khóa XIII)",
            nq27_xiii_subject,
            party_document(
                "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "27-NQ/TW",
                "Hà Nội, ngày 09 tháng 11 năm 2022",
                &format!("NGHỊ QUYẾT\n{khoa_xiii}"),
                nq27_xiii_subject,
                body,
            ),
        ),
        carrier(
            "h-nq-27-2017-tu.txt",
            "27-NQ/TU",
            "NQ",
            day(2017, 6, 12),
            None,
            "Nghị quyết",
            "Ban Thường vụ Tỉnh ủy",
            "về phát triển du lịch cộng đồng gắn với bảo tồn văn hóa các dân tộc",
            party_document(
                "TỈNH ỦY HÀ GIANG",
                "27-NQ/TU",
                "Hà Giang, ngày 12 tháng 6 năm 2017",
                "NGHỊ QUYẾT\nCỦA BAN THƯỜNG VỤ TỈNH ỦY",
                "về phát triển du lịch cộng đồng gắn với bảo tồn văn hóa các dân tộc",
                body,
            ),
        ),
        carrier(
            "h-ct-05-2016-tw.txt",
            "05-CT/TW",
            "CT",
            day(2016, 5, 15),
            Some(12),
            "Chỉ thị",
            "Bộ Chính trị",
            ct05_subject,
            party_document(
                "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "05-CT/TW",
                "Hà Nội, ngày 15 tháng 5 năm 2016",
                "CHỈ THỊ\nCỦA BỘ CHÍNH TRỊ",
                ct05_subject,
                body,
            ),
        ),
        carrier(
            "h-ct-05-2021-tu-ha-giang.txt",
            "05-CT/TU",
            "CT",
            day(2021, 3, 10),
            None,
            "Chỉ thị",
            "Ban Thường vụ Tỉnh ủy",
            "về tăng cường công tác bảo tồn văn hóa dân tộc Mông trên cao nguyên đá",
            party_document(
                "ĐẢNG BỘ TỈNH HÀ GIANG\nTỈNH ỦY",
                "05-CT/TU",
                "Hà Giang, ngày 10 tháng 3 năm 2021",
                "CHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY",
                "về tăng cường công tác bảo tồn văn hóa dân tộc Mông trên cao nguyên đá",
                body,
            ),
        ),
        carrier(
            "h-ct-05-2016-tu-cao-bang.txt",
            "05-CT/TU",
            "CT",
            day(2016, 9, 20),
            None,
            "Chỉ thị",
            "Ban Thường vụ Tỉnh ủy",
            "về tăng cường quản lý, bảo vệ và phát triển rừng",
            party_document(
                "TỈNH ỦY CAO BẰNG",
                "05-CT/TU",
                "Cao Bằng, ngày 20 tháng 9 năm 2016",
                "CHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY",
                "về tăng cường quản lý, bảo vệ và phát triển rừng",
                body,
            ),
        ),
        carrier(
            "h-kl-01-2021-tw.txt",
            "01-KL/TW",
            "KL",
            day(2021, 5, 18),
            Some(13),
            "Kết luận",
            "Bộ Chính trị",
            "về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
            party_document(
                "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "01-KL/TW",
                "Hà Nội, ngày 18 tháng 5 năm 2021",
                "KẾT LUẬN\nCỦA BỘ CHÍNH TRỊ",
                "về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
                "Sau 5 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị, việc học tập và làm theo Bác đã đi vào chiều sâu.",
            ),
        ),
        carrier(
            "h-kl-01-2016-tw.txt",
            "01-KL/TW",
            "KL",
            day(2016, 4, 1),
            Some(12),
            "Kết luận",
            "Ban Bí thư",
            "về tiếp tục thực hiện Chỉ thị số 03-CT/TW của Bộ Chính trị",
            party_document(
                "BAN CHẤP HÀNH TRUNG ƯƠNG",
                "01-KL/TW",
                "Hà Nội, ngày 01 tháng 4 năm 2016",
                "KẾT LUẬN\nCỦA BAN BÍ THƯ",
                "về tiếp tục thực hiện Chỉ thị số 03-CT/TW của Bộ Chính trị",
                "Ban Bí thư kết luận: tiếp tục thực hiện Chỉ thị số 03-CT/TW, ngày 14/5/2011 của Bộ Chính trị.",
            ),
        ),
        carrier(
            "h-da-17-2022-tu.txt",
            "17-ĐA/TU",
            "ĐA",
            day(2022, 9, 20),
            None,
            "Đề án",
            "Tỉnh ủy",
            "về xây dựng Thư viện số văn kiện Đảng và số hóa tài liệu lịch sử Đảng bộ tỉnh",
            party_document(
                "TỈNH ỦY HÀ GIANG",
                "17-ĐA/TU",
                "Hà Giang, ngày 20 tháng 9 năm 2022",
                "ĐỀ ÁN",
                "về xây dựng Thư viện số văn kiện Đảng và số hóa tài liệu lịch sử Đảng bộ tỉnh",
                body,
            ),
        ),
        carrier(
            "h-nd-15-2020-cp.txt",
            "15/2020/NĐ-CP",
            "NĐ",
            day(2020, 2, 3),
            None,
            "Nghị định",
            "Chính phủ",
            "quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử",
            state_document(
                "CHÍNH PHỦ",
                "15/2020/NĐ-CP",
                "Hà Nội, ngày 03 tháng 02 năm 2020",
                "NGHỊ ĐỊNH",
                "Quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử",
                "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\nChính phủ ban hành Nghị định quy định xử phạt vi phạm hành chính.\n\nĐiều 1. Phạm vi điều chỉnh",
            ),
        ),
        carrier(
            "h-nd-15-2021-cp.txt",
            "15/2021/NĐ-CP",
            "NĐ",
            day(2021, 3, 3),
            None,
            "Nghị định",
            "Chính phủ",
            "quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng",
            state_document(
                "CHÍNH PHỦ",
                "15/2021/NĐ-CP",
                "Hà Nội, ngày 03 tháng 3 năm 2021",
                "NGHỊ ĐỊNH",
                "Quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng",
                "Căn cứ Luật Xây dựng ngày 18 tháng 6 năm 2014;\n\nChính phủ ban hành Nghị định quy định chi tiết một số nội dung về quản lý dự án đầu tư xây dựng.\n\nĐiều 1. Phạm vi điều chỉnh",
            ),
        ),
        carrier(
            "h-qd-123-2019-ubnd-ha-giang.txt",
            "123/QĐ-UBND",
            "QĐ",
            day(2019, 1, 28),
            None,
            "Quyết định",
            "Ủy ban nhân dân tỉnh",
            "về việc ban hành Kế hoạch phát triển du lịch cộng đồng",
            state_document(
                "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG",
                "123/QĐ-UBND",
                "Hà Giang, ngày 28 tháng 01 năm 2019",
                "QUYẾT ĐỊNH",
                "Về việc ban hành Kế hoạch phát triển du lịch cộng đồng",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch phát triển du lịch cộng đồng.",
            ),
        ),
        carrier(
            "h-qd-123-2021-ubnd-cao-bang.txt",
            "123/QĐ-UBND",
            "QĐ",
            day(2021, 2, 2),
            None,
            "Quyết định",
            "Ủy ban nhân dân tỉnh",
            "về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh",
            state_document(
                "ỦY BAN NHÂN DÂN\nTỈNH CAO BẰNG",
                "123/QĐ-UBND",
                "Cao Bằng, ngày 02 tháng 02 năm 2021",
                "QUYẾT ĐỊNH",
                "Về việc thành lập Ban Chỉ đạo chuyển đổi số tỉnh",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Thành lập Ban Chỉ đạo chuyển đổi số tỉnh Cao Bằng.",
            ),
        ),
        carrier(
            "h-qd-123-2021-ubnd-lao-cai.txt",
            "123/QĐ-UBND",
            "QĐ",
            day(2021, 1, 25),
            None,
            "Quyết định",
            "Ủy ban nhân dân tỉnh",
            "về việc phê duyệt Đề án phát triển kinh tế tập thể",
            state_document(
                "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
                "123/QĐ-UBND",
                "Lào Cai, ngày 25 tháng 01 năm 2021",
                "QUYẾT ĐỊNH",
                "Về việc phê duyệt Đề án phát triển kinh tế tập thể",
                "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Phê duyệt Đề án phát triển kinh tế tập thể tỉnh Lào Cai.",
            ),
        ),
        carrier(
            "h-qd-123-2022-ttg.txt",
            "123/QĐ-TTg",
            "QĐ",
            day(2022, 1, 25),
            None,
            "Quyết định",
            "Thủ tướng Chính phủ",
            "về việc phê duyệt Đề án bảo tồn Công viên địa chất toàn cầu Cao nguyên đá Đồng Văn",
            state_document(
                "THỦ TƯỚNG CHÍNH PHỦ",
                "123/QĐ-TTg",
                "Hà Nội, ngày 25 tháng 01 năm 2022",
                "QUYẾT ĐỊNH",
                "Về việc phê duyệt Đề án bảo tồn Công viên địa chất toàn cầu Cao nguyên đá Đồng Văn",
                "Căn cứ Luật Tổ chức Chính phủ ngày 19 tháng 6 năm 2015;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Phê duyệt Đề án.",
            ),
        ),
        carrier(
            "h-cv-12-2020-ubnd-ha-giang.txt",
            "12/UBND-VX",
            "CV",
            day(2020, 1, 6),
            None,
            "Công văn",
            "Ủy ban nhân dân tỉnh",
            "tổ chức Tết Nguyên đán",
            state_letter(
                "ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG",
                "12/UBND-VX",
                "tổ chức Tết Nguyên đán Canh Tý năm 2020",
                "Hà Giang, ngày 06 tháng 01 năm 2020",
                "Ủy ban nhân dân tỉnh đề nghị các sở, ban, ngành tổ chức Tết vui tươi, lành mạnh, an toàn, tiết kiệm.",
            ),
        ),
        carrier(
            "h-cv-12-2023-ubnd-tuyen-quang.txt",
            "12/UBND-VX",
            "CV",
            day(2023, 1, 4),
            None,
            "Công văn",
            "Ủy ban nhân dân tỉnh",
            "chăm lo Tết cho người nghèo",
            state_letter(
                "ỦY BAN NHÂN DÂN\nTỈNH TUYÊN QUANG",
                "12/UBND-VX",
                "chăm lo Tết cho hộ nghèo, gia đình chính sách",
                "Tuyên Quang, ngày 04 tháng 01 năm 2023",
                "Ủy ban nhân dân tỉnh đề nghị các địa phương chăm lo Tết cho hộ nghèo, gia đình chính sách.",
            ),
        ),
    ]
}

/// Documents citing a carrier: more of them than carriers, each naming the number in its
/// subject and again and again in its body, in full and short.
fn citers_of(carriers: &[Carrier]) -> Vec<(Truth, String)> {
    let issuers = [
        (
            "TỈNH ỦY HÀ GIANG",
            "KH",
            "TU",
            "Hà Giang",
            "KẾ HOẠCH",
            "Kế hoạch",
        ),
        (
            "TỈNH ỦY HÀ GIANG\nBAN TUYÊN GIÁO",
            "HD",
            "BTGTU",
            "Hà Giang",
            "HƯỚNG DẪN",
            "Hướng dẫn",
        ),
        (
            "ĐẢNG BỘ TỈNH CAO BẰNG\nHUYỆN ỦY HÀ QUẢNG",
            "BC",
            "HU",
            "Hà Quảng",
            "BÁO CÁO",
            "Báo cáo",
        ),
        (
            "ĐẢNG BỘ TỈNH TUYÊN QUANG\nHUYỆN ỦY NA HANG",
            "KH",
            "HU",
            "Na Hang",
            "KẾ HOẠCH",
            "Kế hoạch",
        ),
    ];
    let mut out = Vec::new();
    for (i, c) in carriers.iter().enumerate() {
        let t = &c.truth;
        let short = format!(
            "{} {}",
            c.type_name,
            t.number.split(['-', '/']).next().unwrap_or("")
        );
        let full = format!("{} số {}", c.type_name, t.number);
        let dated = format!(
            "{full}, ngày {}/{}/{} của {}",
            t.issued.day(),
            t.issued.month(),
            t.issued.year(),
            c.by
        );
        for (j, (lines, code, issuer, place, heading, _)) in issuers.iter().enumerate() {
            let serial = 400 + i * 4 + j;
            let number = format!("{serial}-{code}/{issuer}");
            let issued = t.issued + chrono::Duration::days(30 + 20 * j as i64);
            let subject = format!("thực hiện {dated} {}", c.subject);
            let body = format!(
                "Thực hiện {dated} {subject_of}, Ban Thường vụ ban hành văn bản này.\n\n\
                 1. Tổ chức quán triệt {full} đến cán bộ, đảng viên; học tập {short} gắn với sinh hoạt chi bộ.\n\n\
                 2. Cụ thể hóa {full} trong chương trình công tác; sơ kết việc thực hiện {short} hằng năm.\n\n\
                 3. Các cơ quan báo chí tuyên truyền sâu rộng {full}; {short} là căn cứ đánh giá, xếp loại.\n\n\
                 4. Báo cáo kết quả thực hiện {t_number} về Ban Thường vụ trước ngày 15/12.",
                subject_of = c.subject,
                t_number = t.number,
            );
            let text = party_document(
                lines,
                &number,
                &format!(
                    "{place}, ngày {} tháng {} năm {}",
                    issued.day(),
                    issued.month(),
                    issued.year()
                ),
                heading,
                &subject,
                &body,
            );
            out.push((
                Truth {
                    file: format!("h-citer-{i:02}-{j}.txt"),
                    number: number.clone(),
                    doc_type: code.to_string(),
                    issued,
                    term: None,
                    cites: vec![t.number.clone()],
                },
                text,
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Queries and what they must find.

/// What a query must return first.
#[derive(Debug, Clone)]
enum Expect {
    /// Every carrier of this exact symbol.
    Symbol(String),
    /// Every carrier of a type (by the folded codes a type word means) and serial, and of the
    /// number's own year when the query gave `n/yyyy`.
    Typed {
        codes: Vec<&'static str>,
        serial: u32,
        year: Option<i32>,
    },
}

#[derive(Debug, Clone)]
struct Lookup {
    query: String,
    expect: Expect,
    /// Carriers of this year (or term) must come before the other carriers.
    year: Option<i32>,
    term: Option<u8>,
}

/// The type word a cadre types for a document type, and the folded codes it means.
fn type_word(doc_type: &str, party: bool) -> (&'static str, Vec<&'static str>) {
    match doc_type {
        "NQ" => ("nghị quyết", vec!["NQ"]),
        "CT" => ("chỉ thị", vec!["CT"]),
        "KL" => ("kết luận", vec!["KL"]),
        "QĐ" => ("quyết định", vec!["QD"]),
        "QyĐ" => ("quy định", vec!["QD", "QYD"]),
        "QC" => ("quy chế", vec!["QC"]),
        "HD" => ("hướng dẫn", vec!["HD"]),
        "KH" => ("kế hoạch", vec!["KH"]),
        "ĐA" => ("đề án", vec!["DA"]),
        "CTr" => ("chương trình", vec!["CTR"]),
        "TB" => ("thông báo", vec!["TB"]),
        "BC" => ("báo cáo", vec!["BC"]),
        "CV" => ("công văn", vec!["CV"]),
        "NĐ" => ("nghị định", vec!["ND"]),
        "TT" if party => ("thông tri", vec!["TT"]),
        "TT" => ("thông tư", vec!["TT"]),
        other => panic!("no type word for {other}"),
    }
}

/// A folded type code as a `&'static str` (the codes a code word means).
fn code_word(folded: &str) -> &'static str {
    const CODES: &[&str] = &[
        "NQ", "CT", "KL", "QD", "QYD", "QC", "HD", "KH", "DA", "CTR", "TB", "BC", "CV", "ND", "TT",
    ];
    CODES
        .iter()
        .find(|c| **c == folded)
        .copied()
        .unwrap_or_else(|| panic!("no code {folded}"))
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|f| f.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// Every shape of lookup for one number, given its carriers.
fn lookups(number: &str, carriers: &[&Truth]) -> Vec<Lookup> {
    let first = carriers[0];
    let sym = first.symbol();
    let (word, codes) = type_word(&first.doc_type, sym.party);
    let plain = fold(word);
    let serial2 = format!("{:02}", sym.serial);
    let exact = |query: String| Lookup {
        query,
        expect: Expect::Symbol(number.to_string()),
        year: None,
        term: None,
    };
    let typed = |query: String, year: Option<i32>| Lookup {
        query,
        expect: Expect::Typed {
            codes: codes.clone(),
            serial: sym.serial,
            year,
        },
        year: None,
        term: None,
    };
    let mut out = vec![
        exact(number.to_string()),
        exact(number.to_lowercase()),
        exact(fold(number)),
        exact(format!("Số {number}")),
        exact(format!("số: {number}")),
        exact(format!("{} {number}", word.to_uppercase())),
        exact(format!("{} số {number}", capitalize(word))),
        exact(format!("{plain} {}", fold(number).to_lowercase())),
        typed(format!("{word} {serial2}"), None),
        typed(format!("{} số {serial2}", capitalize(word)), None),
        typed(format!("{plain} so {serial2}"), None),
        typed(format!("{word} {}", sym.serial), None),
    ];
    if sym.serial < 10 {
        out.push(exact(number.trim_start_matches('0').to_string()));
    }
    // Spaced out, decomposed (NFD) as some keyboards send it, `so` without marks, a date after it.
    out.push(exact(number.replace('-', " - ").replace('/', " / ")));
    out.push(exact(format!("so {}", fold(number).to_lowercase())));
    out.push(typed(
        format!("{} số {serial2}", capitalize(word)).nfd().collect(),
        None,
    ));
    out.push(typed(format!("{} SỐ {serial2}", word.to_uppercase()), None));
    let dated = carriers[0].issued;
    let mut on_date = exact(format!(
        "{number} ngày {}/{}/{}",
        dated.day(),
        dated.month(),
        dated.year()
    ));
    on_date.year = Some(dated.year());
    out.push(on_date);
    // The type code instead of the word: `CT 05`, `kh 12`, `qđ 123`.
    if let Some(code) = &sym.code {
        let folded = sym.folded_code();
        let by_code = |query: String| Lookup {
            query,
            expect: Expect::Typed {
                codes: vec![code_word(&folded)],
                serial: sym.serial,
                year: None,
            },
            year: None,
            term: None,
        };
        out.push(by_code(format!("{code} {serial2}")));
        out.push(by_code(format!("{} {}", code.to_lowercase(), sym.serial)));
    }
    if sym.party {
        // The order slip `05/CT-TW`, also after the type word.
        let code = sym.code.as_deref().unwrap_or("");
        out.push(exact(format!("{serial2}/{code}-{}", sym.issuer)));
        // One separator throughout, as web addresses and file names have it.
        out.push(exact(format!("{serial2}-{code}-{}", sym.issuer)));
        out.push(exact(format!("{serial2}/{code}/{}", sym.issuer)));
        out.push(exact(format!(
            "{} số {serial2}/{code}-{}",
            capitalize(word),
            sym.issuer
        )));
    }
    if let (false, None, Some(code)) = (sym.party, sym.year, &sym.code) {
        out.push(exact(format!("{serial2}-{code}-{}", sym.issuer)));
    }
    if let Some(year) = sym.year {
        out.push(typed(format!("{word} {serial2}/{year}"), Some(year)));
        out.push(typed(format!("{plain} {}/{year}", sym.serial), Some(year)));
    }
    // A year or a term next to the number: its carriers first.
    let mut years: Vec<i32> = carriers.iter().map(|c| c.issued.year()).collect();
    years.sort();
    years.dedup();
    for year in years.iter().take(3) {
        let mut by_symbol = exact(format!("{number} {year}"));
        by_symbol.year = Some(*year);
        let mut by_type = typed(format!("{word} {serial2} năm {year}"), None);
        by_type.year = Some(*year);
        let mut apart = typed(format!("{word} {} ban hành năm {year}", sym.serial), None);
        apart.year = Some(*year);
        out.push(by_symbol);
        out.push(by_type);
        out.push(apart);
    }
    let mut terms: Vec<u8> = carriers.iter().filter_map(|c| c.term).collect();
    terms.sort();
    terms.dedup();
    let body = if sym.issuer.ends_with("TW") {
        "Trung ương"
    } else {
        "Ban Chấp hành"
    };
    for term in terms.iter().take(3) {
        let roman = roman_numeral(*term).expect("roman");
        for (query, symbol) in [
            (format!("{word} {serial2} khóa {roman}"), false),
            (format!("{number} khóa {roman}"), true),
            (
                format!("{} {} ({} {roman})", capitalize(word), sym.serial, "khóa"),
                false,
            ),
            (format!("{plain} {} khoa {term}", sym.serial), false),
            (
                format!("{} số {number} của {body} khóa {roman}", capitalize(word)),
                true,
            ),
        ] {
            let mut lookup = if symbol {
                exact(query)
            } else {
                typed(query, None)
            };
            lookup.term = Some(*term);
            out.push(lookup);
        }
    }
    let mut seen = HashSet::new();
    out.retain(|l| seen.insert(l.query.clone()));
    out
}

fn carriers_of<'a>(expect: &Expect, library: &'a [Truth]) -> Vec<&'a Truth> {
    library
        .iter()
        .filter(|t| match expect {
            Expect::Symbol(number) => symbol_key(&t.number) == symbol_key(number),
            Expect::Typed {
                codes,
                serial,
                year,
            } => {
                let sym = t.symbol();
                sym.serial == *serial
                    && codes.contains(&sym.folded_code().as_str())
                    && year.is_none_or(|y| sym.year == Some(y))
            }
        })
        .collect()
}

/// Why a lookup's results are not exact, if they are not.
fn inexact(lookup: &Lookup, hits: &[String], library: &[Truth]) -> Option<String> {
    let carriers = carriers_of(&lookup.expect, library);
    let want: BTreeSet<&str> = carriers.iter().map(|t| t.file.as_str()).collect();
    let top: BTreeSet<&str> = hits.iter().take(want.len()).map(String::as_str).collect();
    if want.is_empty() {
        return Some("no carrier in the library".to_string());
    }
    if top != want {
        let missing: Vec<&&str> = want.difference(&top).collect();
        let extra: Vec<&&str> = top.difference(&want).collect();
        return Some(format!(
            "top {} are not the carriers: missing {missing:?}, instead {extra:?}",
            want.len()
        ));
    }
    let first: BTreeSet<&str> = carriers
        .iter()
        .filter(|t| {
            lookup.year.is_none_or(|y| t.issued.year() == y)
                && lookup.term.is_none_or(|term| t.term == Some(term))
        })
        .map(|t| t.file.as_str())
        .collect();
    if (lookup.year.is_some() || lookup.term.is_some()) && !first.is_empty() {
        let lead: BTreeSet<&str> = hits.iter().take(first.len()).map(String::as_str).collect();
        if lead != first {
            return Some(format!(
                "the carriers of that year or term are not first: want {first:?}, got {lead:?}"
            ));
        }
    }
    None
}

// ---------------------------------------------------------------------------------------------

#[test]
fn every_lookup_shape_lists_exactly_the_carriers_first() {
    let archive = TestArchive::new();
    let inbox = archive.inbox();
    let carriers = hand_written_carriers();
    let citers = citers_of(&carriers);
    let mut library: Vec<Truth> = Vec::new();
    // A hand-written carrier owns its number in its period: generated documents do not repeat it.
    let taken: HashSet<(String, Option<u8>, i32)> = carriers
        .iter()
        .map(|c| {
            (
                symbol_key(&c.truth.number),
                c.truth.term,
                c.truth.issued.year(),
            )
        })
        .collect();
    let clashes = |t: &Truth| {
        let key = symbol_key(&t.number);
        taken.iter().any(|(k, term, year)| {
            *k == key && (term.is_some() && *term == t.term || *year == t.issued.year())
        })
    };
    for doc in corpus::generate(GENERATED, SEED) {
        let truth = Truth::generated(&doc);
        if clashes(&truth) {
            continue;
        }
        std::fs::write(inbox.join(&doc.file_name), &doc.text).expect("write generated");
        library.push(truth);
    }
    for c in &carriers {
        std::fs::write(inbox.join(&c.truth.file), &c.text).expect("write carrier");
        library.push(c.truth.clone());
    }
    for (truth, text) in &citers {
        std::fs::write(inbox.join(&truth.file), text).expect("write citer");
        library.push(truth.clone());
    }

    let outcomes = archive.ingest(&[&inbox]);
    let failed: Vec<_> = outcomes.iter().filter(|o| o["status"] != "added").collect();
    assert!(failed.is_empty(), "every document ingests: {failed:?}");
    assert_eq!(outcomes.len(), library.len());
    let file_of: HashMap<String, String> = outcomes
        .iter()
        .map(|o| {
            let source = o["source"].as_str().unwrap_or("");
            let file = source.rsplit('/').next().unwrap_or(source).to_string();
            (o["id"].as_str().unwrap_or("").to_string(), file)
        })
        .collect();

    // Numbers, their carriers and how often they are cited.
    let mut carried: BTreeMap<String, Vec<&Truth>> = BTreeMap::new();
    for t in &library {
        carried.entry(symbol_key(&t.number)).or_default().push(t);
    }
    let mut cited: HashMap<String, usize> = HashMap::new();
    for t in &library {
        for c in &t.cites {
            *cited.entry(symbol_key(c)).or_default() += 1;
        }
    }
    let sample = sample_numbers(&carried, &cited, &carriers);
    assert!(sample.len() >= SAMPLE, "{} numbers sampled", sample.len());
    let shared = sample.iter().filter(|k| carried[*k].len() > 1).count();
    let heavily_cited = sample
        .iter()
        .filter(|k| cited.get(*k).copied().unwrap_or(0) > carried[*k].len())
        .count();
    assert!(shared >= 20, "{shared} sampled numbers are shared");
    assert!(
        heavily_cited >= 15,
        "{heavily_cited} sampled numbers are cited more than carried"
    );

    let searcher =
        vankien::Archive::open(&archive.library(), &archive.index()).expect("open archive");
    let mut queries = 0;
    let mut failures = Vec::new();
    let mut shapes_via_cli = Vec::new();
    for key in &sample {
        let carriers = &carried[key];
        let number = carriers[0].number.clone();
        for lookup in lookups(&number, carriers) {
            queries += 1;
            let limit = carriers_of(&lookup.expect, &library).len() + 20;
            // As the CLI searches: the operator sees every classification.
            let request = SearchRequest::new(&lookup.query, limit, u8::MAX);
            let results = searcher.index.search(&request).expect("search");
            let hits: Vec<String> = results
                .hits
                .iter()
                .map(|(id, _)| file_of.get(id).cloned().unwrap_or_default())
                .collect();
            if let Some(why) = inexact(&lookup, &hits, &library) {
                failures.push(format!("{:?}: {why}", lookup.query));
            } else if shapes_via_cli.len() < 40 && carriers.len() > 1 {
                shapes_via_cli.push((lookup, hits));
            }
        }
    }
    // The binary ranks the same way: a sample of the exact lookups again through `vankien search`.
    drop(searcher);
    for (lookup, hits) in &shapes_via_cli {
        let out = archive.search(&lookup.query);
        let cli: Vec<String> = out["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h["source"].as_str().unwrap_or("").to_string())
            .collect();
        let want = carriers_of(&lookup.expect, &library).len().min(cli.len());
        let a: BTreeSet<&String> = cli.iter().take(want).collect();
        let b: BTreeSet<&String> = hits.iter().take(want).collect();
        assert_eq!(a, b, "{:?}: the CLI agrees", lookup.query);
    }
    // Straight to stderr, past the test harness's capture, so the suite's log shows it.
    let summary = format!(
        "number lookup: {} numbers ({shared} shared, {heavily_cited} cited more than carried), {queries} queries, {} exact\n",
        sample.len(),
        queries - failures.len()
    );
    std::io::stderr()
        .write_all(summary.as_bytes())
        .expect("write summary");
    assert!(
        failures.is_empty(),
        "{} of {queries} lookups are not exact:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// The numbers to look up: every hand-written one, then shared numbers, then heavily cited
/// ones, then one of each remaining kind of number, up to [`SAMPLE`] and a little more.
fn sample_numbers(
    carried: &BTreeMap<String, Vec<&Truth>>,
    cited: &HashMap<String, usize>,
    hand: &[Carrier],
) -> Vec<String> {
    let mut sample: Vec<String> = Vec::new();
    let add = |key: &String, sample: &mut Vec<String>| {
        if !sample.contains(key) {
            sample.push(key.clone());
        }
    };
    for c in hand {
        add(&symbol_key(&c.truth.number), &mut sample);
    }
    let mut shared: Vec<(&String, usize)> = carried
        .iter()
        .filter(|(_, c)| c.len() > 1)
        .map(|(k, c)| (k, c.len()))
        .collect();
    shared.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (key, _) in shared.iter().take(35) {
        add(key, &mut sample);
    }
    let mut popular: Vec<(&String, usize)> = carried
        .keys()
        .map(|k| (k, cited.get(k).copied().unwrap_or(0)))
        .filter(|(k, n)| *n > carried[*k].len())
        .collect();
    popular.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    for (key, _) in popular.iter().take(20) {
        add(key, &mut sample);
    }
    // One number of every kind of issuer not yet covered (`TU`, `UBND-VX`, `TT-BNV` …).
    let kind = |t: &Truth| {
        let sym = t.symbol();
        format!(
            "{}|{}|{}",
            sym.folded_code(),
            sym.issuer,
            sym.year.is_some()
        )
    };
    let mut kinds: HashSet<String> = sample.iter().map(|k| kind(carried[k][0])).collect();
    for (key, carriers) in carried {
        if sample.len() >= SAMPLE + 10 {
            break;
        }
        if kinds.insert(kind(carriers[0])) {
            add(key, &mut sample);
        }
    }
    for key in carried.keys().step_by(7) {
        if sample.len() >= SAMPLE + 10 {
            break;
        }
        add(key, &mut sample);
    }
    sample
}
