//! A generated corpus of realistic Party and State documents, for load tests and lookup test
//! sets: [`generate`] streams `count` documents deterministically from a seed, oldest first.
//!
//! Each document is laid out the way DOMAIN.md describes (motto, issuer lines, `*`, `Số …`,
//! place and date, type heading, subject, body, signature, recipients), in one of the layouts
//! extraction produces (stacked lines, or two columns on one line). Numbers follow the real
//! rules: Party numbers restart each committee term, State numbers each calendar year, and a
//! serial grows through its period at the rate the body really issues that type, so the same
//! number recurs across provinces, terms and years as it does in an archive. Later documents
//! cite earlier ones (`Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị …`), and
//! implementation plans, guidance and reviews carry the cited number in their subject.
//!
//! Only the counters, the numbers in use and a bounded window of citable documents are kept, so
//! a corpus of any size streams in constant memory.

use std::collections::{HashSet, VecDeque};
use std::io::Write;
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::vocabulary::{self as words, Province, PROVINCES};
use crate::document::metadata::Classification;
use crate::document::term::{central_committee_term, congress_date, roman_numeral};

/// One generated document and what it is, for checking what the archive reads from it.
#[derive(Debug, Clone)]
pub struct GeneratedDocument {
    /// `000042-ct-05-2016-tw.txt`: unique within a corpus.
    pub file_name: String,
    pub text: String,
    /// As printed, canonical: `05-CT/TW`, `15/2020/NĐ-CP`, `123/QĐ-UBND`, `12/UBND-VX`.
    pub number: String,
    /// The document type's code (`DocType::code`): `CT`, `QĐ`, `QyĐ` (a Party Quy định, whose
    /// number still says `QĐ`), `NĐ`, `TT`; `CV` for letters.
    pub doc_type: String,
    /// The issuer in the number: `TW`, `BTGTU`, `HU`, `CP`, `TTg`, `UBND`, `UBND-VX`.
    pub issuer: String,
    /// The issuing body as a reader names it: `Ban Tuyên giáo Tỉnh ủy Hà Giang`.
    pub issuer_name: String,
    pub issued: NaiveDate,
    /// The term (khóa) the archive should file it under: a central Party document's Central
    /// Committee term, or the term a local committee's heading states; `None` otherwise.
    pub term: Option<u8>,
    pub classification: Classification,
    /// Canonical numbers of every full symbol the text cites, in order of first mention.
    pub cites: Vec<String>,
}

/// Stream `count` documents generated from `seed`: the same arguments give the same documents.
pub fn generate(count: usize, seed: u64) -> Corpus {
    Corpus {
        generator: Generator::new(count, seed),
        next: 0,
        count,
    }
}

/// Write `count` generated documents into `dir` as UTF-8 `.txt` files; returns how many.
pub fn write(dir: &Path, count: usize, seed: u64) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut written = 0;
    for doc in generate(count, seed) {
        let mut file = std::io::BufWriter::new(std::fs::File::create(dir.join(&doc.file_name))?);
        file.write_all(doc.text.as_bytes())?;
        file.flush()?;
        written += 1;
    }
    Ok(written)
}

/// The documents of [`generate`], oldest first.
pub struct Corpus {
    generator: Generator,
    next: usize,
    count: usize,
}

impl Iterator for Corpus {
    type Item = GeneratedDocument;

    fn next(&mut self) -> Option<GeneratedDocument> {
        if self.next >= self.count {
            return None;
        }
        let doc = self.generator.document(self.next);
        self.next += 1;
        Some(doc)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.count - self.next;
        (left, Some(left))
    }
}

// ---------------------------------------------------------------------------------------------
// Randomness: xorshift64*, seeded through splitmix64 (a zero seed is fine).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// Uniform in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    fn weighted<'a, T>(&mut self, items: &'a [(T, u32)]) -> &'a T {
        let total: u32 = items.iter().map(|(_, w)| *w).sum();
        let mut roll = self.below(total as usize) as u32;
        for (item, weight) in items {
            if roll < *weight {
                return item;
            }
            roll -= weight;
        }
        &items[items.len() - 1].0
    }
}

// ---------------------------------------------------------------------------------------------
// Types, forms and issuing bodies.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Style {
    Directive,
    Decision,
    Regulation,
    Guidance,
    Plan,
    Project,
    Program,
    Notice,
    Report,
    Letter,
}

/// A document type as it appears in a number, a heading and running text.
#[derive(Debug, Clone, Copy)]
struct TypeSpec {
    /// In the number: `CT`, `QĐ`, `NĐ`; empty for letters.
    code: &'static str,
    /// `DocType::code` of what the parser should read.
    doc_type: &'static str,
    heading: &'static str,
    name: &'static str,
    style: Style,
}

const fn spec(
    code: &'static str,
    doc_type: &'static str,
    heading: &'static str,
    name: &'static str,
    style: Style,
) -> TypeSpec {
    TypeSpec {
        code,
        doc_type,
        heading,
        name,
        style,
    }
}

const NQ: TypeSpec = spec("NQ", "NQ", "NGHỊ QUYẾT", "Nghị quyết", Style::Directive);
const CT: TypeSpec = spec("CT", "CT", "CHỈ THỊ", "Chỉ thị", Style::Directive);
const KL: TypeSpec = spec("KL", "KL", "KẾT LUẬN", "Kết luận", Style::Directive);
const QD: TypeSpec = spec("QĐ", "QĐ", "QUYẾT ĐỊNH", "Quyết định", Style::Decision);
/// A Party Quy định: numbered `QĐ` like a Quyết định, told apart by its heading.
const QYD: TypeSpec = spec("QĐ", "QyĐ", "QUY ĐỊNH", "Quy định", Style::Regulation);
const QC: TypeSpec = spec("QC", "QC", "QUY CHẾ", "Quy chế", Style::Regulation);
const HD: TypeSpec = spec("HD", "HD", "HƯỚNG DẪN", "Hướng dẫn", Style::Guidance);
const KH: TypeSpec = spec("KH", "KH", "KẾ HOẠCH", "Kế hoạch", Style::Plan);
const DA: TypeSpec = spec("ĐA", "ĐA", "ĐỀ ÁN", "Đề án", Style::Project);
const CTR: TypeSpec = spec("CTr", "CTr", "CHƯƠNG TRÌNH", "Chương trình", Style::Program);
const TB: TypeSpec = spec("TB", "TB", "THÔNG BÁO", "Thông báo", Style::Notice);
const BC: TypeSpec = spec("BC", "BC", "BÁO CÁO", "Báo cáo", Style::Report);
const CV: TypeSpec = spec("CV", "CV", "", "Công văn", Style::Letter);
const ND: TypeSpec = spec("NĐ", "NĐ", "NGHỊ ĐỊNH", "Nghị định", Style::Regulation);
const TT: TypeSpec = spec("TT", "TT", "THÔNG TƯ", "Thông tư", Style::Regulation);
/// A State letter: `12/UBND-VX`, no type in the number.
const LETTER: TypeSpec = spec("", "CV", "", "Công văn", Style::Letter);

/// How the number is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    /// `05-CT/TW`
    Party,
    /// `15/2020/NĐ-CP`
    StateYear,
    /// `123/QĐ-UBND`
    StateAdmin,
    /// `12/UBND-VX`
    StateLetter,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Central,
    Province,
    District,
    Commune,
}

/// Where a citable document lives, to be cited by documents below it.
#[derive(Debug, Clone, Copy)]
enum Scope {
    CentralParty,
    CentralState,
    Province(usize),
    District(usize),
    None,
}

/// A type a body issues: how often it is picked in the corpus, and how many it really issues a
/// year (which sets how far the serial has grown).
type Issues = &'static [(TypeSpec, u32, f64)];

/// A Party organ below a committee (`BAN TUYÊN GIÁO`), or the committee itself (empty header).
struct Organ {
    /// Symbol prefix before the level suffix: `BTG` + `TU` = `BTGTU`.
    prefix: &'static str,
    header: &'static str,
    name: &'static str,
    /// Issued from / until (inclusive), as (year, month, day).
    valid: ((i32, u32, u32), (i32, u32, u32)),
    head: &'static str,
    deputy: &'static str,
    authority: &'static str,
    issues: Issues,
}

const ALWAYS: ((i32, u32, u32), (i32, u32, u32)) = ((1930, 1, 1), (2100, 1, 1));
const BEFORE_MERGER: ((i32, u32, u32), (i32, u32, u32)) = ((1930, 1, 1), (2025, 2, 28));
const AFTER_MERGER: ((i32, u32, u32), (i32, u32, u32)) = ((2025, 3, 1), (2100, 1, 1));

const CENTRAL_ORGANS: &[Organ] = &[
    Organ {
        prefix: "VP",
        header: "VĂN PHÒNG",
        name: "Văn phòng",
        valid: ALWAYS,
        head: "CHÁNH VĂN PHÒNG",
        deputy: "PHÓ CHÁNH VĂN PHÒNG",
        authority: "",
        issues: &[(HD, 3, 6.0), (CV, 4, 300.0), (TB, 1, 20.0), (QD, 1, 30.0)],
    },
    Organ {
        prefix: "BTC",
        header: "BAN TỔ CHỨC",
        name: "Ban Tổ chức",
        valid: ALWAYS,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[(HD, 3, 8.0), (CV, 3, 200.0), (QD, 1, 10.0)],
    },
    Organ {
        prefix: "BTG",
        header: "BAN TUYÊN GIÁO",
        name: "Ban Tuyên giáo",
        valid: BEFORE_MERGER,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[
            (HD, 4, 40.0),
            (KH, 2, 20.0),
            (CV, 4, 250.0),
            (BC, 1, 30.0),
            (TB, 1, 15.0),
        ],
    },
    Organ {
        prefix: "BDV",
        header: "BAN DÂN VẬN",
        name: "Ban Dân vận",
        valid: BEFORE_MERGER,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[(HD, 2, 10.0), (KH, 1, 8.0), (CV, 2, 80.0)],
    },
    Organ {
        prefix: "UBKT",
        header: "ỦY BAN KIỂM TRA",
        name: "Ủy ban Kiểm tra",
        valid: ALWAYS,
        head: "CHỦ NHIỆM",
        deputy: "PHÓ CHỦ NHIỆM",
        authority: "T/M ỦY BAN KIỂM TRA",
        issues: &[(QD, 2, 80.0), (TB, 2, 40.0), (HD, 1, 6.0), (BC, 1, 15.0)],
    },
    Organ {
        prefix: "BTGDV",
        header: "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        name: "Ban Tuyên giáo và Dân vận",
        valid: AFTER_MERGER,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[(HD, 3, 40.0), (KH, 2, 20.0), (CV, 3, 250.0)],
    },
];

/// Organs of a provincial committee; the same shapes, province-sized rates.
const PROVINCE_ORGANS: &[Organ] = &[
    Organ {
        prefix: "BTG",
        header: "BAN TUYÊN GIÁO",
        name: "Ban Tuyên giáo",
        valid: BEFORE_MERGER,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[
            (HD, 4, 30.0),
            (KH, 3, 20.0),
            (CV, 4, 250.0),
            (BC, 2, 30.0),
            (TB, 1, 10.0),
        ],
    },
    Organ {
        prefix: "BDV",
        header: "BAN DÂN VẬN",
        name: "Ban Dân vận",
        valid: BEFORE_MERGER,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[(HD, 2, 10.0), (KH, 2, 10.0), (CV, 2, 80.0)],
    },
    Organ {
        prefix: "BTC",
        header: "BAN TỔ CHỨC",
        name: "Ban Tổ chức",
        valid: ALWAYS,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[(HD, 2, 6.0), (CV, 3, 200.0), (BC, 1, 10.0)],
    },
    Organ {
        prefix: "UBKT",
        header: "ỦY BAN KIỂM TRA",
        name: "Ủy ban Kiểm tra",
        valid: ALWAYS,
        head: "CHỦ NHIỆM",
        deputy: "PHÓ CHỦ NHIỆM",
        authority: "T/M ỦY BAN KIỂM TRA",
        issues: &[(QD, 3, 60.0), (TB, 2, 30.0), (BC, 2, 20.0), (KH, 1, 5.0)],
    },
    Organ {
        prefix: "VP",
        header: "VĂN PHÒNG",
        name: "Văn phòng",
        valid: ALWAYS,
        head: "CHÁNH VĂN PHÒNG",
        deputy: "PHÓ CHÁNH VĂN PHÒNG",
        authority: "",
        issues: &[(HD, 1, 4.0), (CV, 3, 150.0), (TB, 1, 10.0)],
    },
    Organ {
        prefix: "BTGDV",
        header: "BAN TUYÊN GIÁO VÀ DÂN VẬN",
        name: "Ban Tuyên giáo và Dân vận",
        valid: AFTER_MERGER,
        head: "TRƯỞNG BAN",
        deputy: "PHÓ TRƯỞNG BAN",
        authority: "",
        issues: &[(HD, 4, 30.0), (KH, 3, 20.0), (CV, 4, 250.0)],
    },
];

/// What the Politburo, the Secretariat and the Central Committee issue, all numbered `…/TW`.
const POLITBURO: Issues = &[
    (NQ, 3, 12.0),
    (CT, 3, 8.0),
    (KL, 6, 30.0),
    (QD, 2, 50.0),
    (QYD, 3, 50.0),
    (TB, 3, 60.0),
    (QC, 1, 4.0),
];
const SECRETARIAT: Issues = &[
    (CT, 3, 8.0),
    (KL, 4, 30.0),
    (QD, 3, 50.0),
    (QYD, 1, 50.0),
    (TB, 3, 60.0),
];
const PROVINCE_STANDING: Issues = &[
    (NQ, 2, 6.0),
    (CT, 2, 4.0),
    (KL, 5, 60.0),
    (QD, 4, 400.0),
    (QYD, 1, 400.0),
    (HD, 1, 8.0),
    (KH, 5, 60.0),
    (DA, 1, 3.0),
    (QC, 1, 3.0),
    (TB, 4, 200.0),
    (CV, 6, 600.0),
    (BC, 4, 100.0),
    (CTR, 2, 6.0),
];
const DISTRICT_STANDING: Issues = &[
    (NQ, 2, 5.0),
    (CT, 1, 2.0),
    (KL, 4, 40.0),
    (QD, 4, 300.0),
    (HD, 1, 4.0),
    (KH, 5, 40.0),
    (DA, 1, 2.0),
    (TB, 4, 120.0),
    (CV, 5, 400.0),
    (BC, 4, 80.0),
    (CTR, 1, 3.0),
];
const COMMUNE_COMMITTEE: Issues = &[
    (NQ, 3, 8.0),
    (KH, 3, 10.0),
    (BC, 3, 15.0),
    (TB, 2, 10.0),
    (CV, 2, 30.0),
    (QD, 2, 40.0),
];

/// Ministries that issue circulars: (symbol, header, name).
const MINISTRIES: &[(&str, &str, &str)] = &[
    ("BGDĐT", "BỘ GIÁO DỤC VÀ ĐÀO TẠO", "Bộ Giáo dục và Đào tạo"),
    ("BNV", "BỘ NỘI VỤ", "Bộ Nội vụ"),
    ("BTC", "BỘ TÀI CHÍNH", "Bộ Tài chính"),
    (
        "BTTTT",
        "BỘ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Bộ Thông tin và Truyền thông",
    ),
    (
        "BVHTTDL",
        "BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "Bộ Văn hóa, Thể thao và Du lịch",
    ),
    ("BYT", "BỘ Y TẾ", "Bộ Y tế"),
    (
        "BLĐTBXH",
        "BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
        "Bộ Lao động - Thương binh và Xã hội",
    ),
];

/// Departments of a provincial People's Committee: (symbol, header, name).
const DEPARTMENTS: &[(&str, &str, &str)] = &[
    ("SNV", "SỞ NỘI VỤ", "Sở Nội vụ"),
    ("SGDĐT", "SỞ GIÁO DỤC VÀ ĐÀO TẠO", "Sở Giáo dục và Đào tạo"),
    (
        "SVHTTDL",
        "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
        "Sở Văn hóa, Thể thao và Du lịch",
    ),
    (
        "STTTT",
        "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
        "Sở Thông tin và Truyền thông",
    ),
    ("SYT", "SỞ Y TẾ", "Sở Y tế"),
];

/// Desks that sign a provincial or district committee's letters (`12/UBND-VX`).
const LETTER_DESKS: &[&str] = &["VX", "KT", "NC", "TH", "KGVX", "NCPC", "XD", "TNMT"];
const PM_DESKS: &[&str] = &["KGVX", "KTTH", "NC", "QHĐP", "CN", "NN"];

/// Real documents the generated ones cite; their numbers are reserved so that no generated
/// document carries them in the same period.
struct Landmark {
    number: &'static str,
    date: (i32, u32, u32),
    type_name: &'static str,
    by: &'static str,
    subject: &'static str,
}

const LANDMARKS: &[Landmark] = &[
    Landmark {
        number: "27-NQ/TW",
        date: (2008, 8, 6),
        type_name: "Nghị quyết",
        by: "Ban Chấp hành Trung ương Đảng",
        subject: "về xây dựng đội ngũ trí thức trong thời kỳ đẩy mạnh công nghiệp hóa, hiện đại hóa đất nước",
    },
    Landmark {
        number: "05-CT/TW",
        date: (2016, 5, 15),
        type_name: "Chỉ thị",
        by: "Bộ Chính trị",
        subject: "về đẩy mạnh học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh",
    },
    Landmark {
        number: "04-NQ/TW",
        date: (2016, 10, 30),
        type_name: "Nghị quyết",
        by: "Ban Chấp hành Trung ương Đảng",
        subject: "về tăng cường xây dựng, chỉnh đốn Đảng; ngăn chặn, đẩy lùi sự suy thoái về tư tưởng chính trị, đạo đức, lối sống, những biểu hiện tự diễn biến, tự chuyển hóa trong nội bộ",
    },
    Landmark {
        number: "18-NQ/TW",
        date: (2017, 10, 25),
        type_name: "Nghị quyết",
        by: "Ban Chấp hành Trung ương Đảng",
        subject: "một số vấn đề về tiếp tục đổi mới, sắp xếp tổ chức bộ máy của hệ thống chính trị tinh gọn, hoạt động hiệu lực, hiệu quả",
    },
    Landmark {
        number: "35-NQ/TW",
        date: (2018, 10, 22),
        type_name: "Nghị quyết",
        by: "Bộ Chính trị",
        subject: "về tăng cường bảo vệ nền tảng tư tưởng của Đảng, đấu tranh phản bác các quan điểm sai trái, thù địch trong tình hình mới",
    },
    Landmark {
        number: "30/2020/NĐ-CP",
        date: (2020, 3, 5),
        type_name: "Nghị định",
        by: "Chính phủ",
        subject: "về công tác văn thư",
    },
    Landmark {
        number: "15/2020/NĐ-CP",
        date: (2020, 2, 3),
        type_name: "Nghị định",
        by: "Chính phủ",
        subject: "quy định xử phạt vi phạm hành chính trong lĩnh vực bưu chính, viễn thông, tần số vô tuyến điện, công nghệ thông tin và giao dịch điện tử",
    },
    Landmark {
        number: "01-KL/TW",
        date: (2021, 5, 18),
        type_name: "Kết luận",
        by: "Bộ Chính trị",
        subject: "về tiếp tục thực hiện Chỉ thị số 05-CT/TW của Bộ Chính trị",
    },
    Landmark {
        number: "27-NQ/TW",
        date: (2022, 11, 9),
        type_name: "Nghị quyết",
        by: "Ban Chấp hành Trung ương Đảng",
        subject: "về tiếp tục xây dựng và hoàn thiện Nhà nước pháp quyền xã hội chủ nghĩa Việt Nam trong giai đoạn mới",
    },
    Landmark {
        number: "144-QĐ/TW",
        date: (2024, 5, 9),
        type_name: "Quy định",
        by: "Bộ Chính trị",
        subject: "về chuẩn mực đạo đức cách mạng của cán bộ, đảng viên trong giai đoạn mới",
    },
    Landmark {
        number: "57-NQ/TW",
        date: (2024, 12, 22),
        type_name: "Nghị quyết",
        by: "Bộ Chính trị",
        subject: "về đột phá phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số quốc gia",
    },
];

/// First and last day of the corpus: from the VIII Congress to the end of the district level.
const FIRST_DAY: (i32, u32, u32) = (1996, 7, 1);
const LAST_DAY: (i32, u32, u32) = (2025, 6, 30);

fn ymd((y, m, d): (i32, u32, u32)) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap_or_default()
}

/// Elections of People's Councils: a council's term changes on these days.
const COUNCIL_ELECTIONS: [(i32, u32, u32); 5] = [
    (1999, 4, 25),
    (2004, 4, 25),
    (2011, 5, 22),
    (2016, 5, 22),
    (2021, 5, 23),
];

/// A provincial People's Council's term on `date` (khóa XVII … XX in 2021, by province).
fn council_term(date: NaiveDate, province: usize) -> u8 {
    let later = COUNCIL_ELECTIONS.iter().filter(|e| ymd(**e) > date).count() as u8;
    16 + (province % 4) as u8 - later
}

/// Session numbers as written (`KỲ HỌP THỨ 5`).
const ORDINAL_NUMBERS: [&str; 8] = ["2", "3", "4", "5", "7", "9", "11", "14"];

/// Years local Party congresses met (provinces in autumn, districts in summer).
const LOCAL_CONGRESS_YEARS: [i32; 8] = [1991, 1996, 2000, 2005, 2010, 2015, 2020, 2025];

/// A local committee's term on `date`, and the day it began, from its term in 2020.
fn local_term(date: NaiveDate, term_2020: u8, level: Level) -> (u8, NaiveDate) {
    let start_of = |year: i32| {
        let (m, d) = match (level, year < 2000) {
            (Level::Province, false) => (10, 15),
            (Level::Province, true) => (5, 10),
            (_, false) => (6, 15),
            (_, true) => (3, 15),
        };
        NaiveDate::from_ymd_opt(year, m, d).unwrap_or_default()
    };
    let index = LOCAL_CONGRESS_YEARS
        .iter()
        .rposition(|y| start_of(*y) <= date)
        .unwrap_or(0);
    let term = (term_2020 as i32 - 6 + index as i32).max(1) as u8;
    (term, start_of(LOCAL_CONGRESS_YEARS[index]))
}

// ---------------------------------------------------------------------------------------------
// What a document is before it is written.

/// Who speaks in a document: its heading's `CỦA …` line, the subject of its sentences, the
/// signature, and how others cite it.
struct Voice {
    heading_of: String,
    actor: String,
    authority: String,
    position: String,
    cited_by: String,
}

struct Plan {
    spec: TypeSpec,
    form: Form,
    level: Level,
    /// Issuer in the number.
    issuer: String,
    /// Header lines in capitals, parent first.
    header: Vec<String>,
    place: String,
    issuer_name: String,
    voice: Voice,
    /// Whom the body addresses (actors of its level).
    actors: &'static [&'static str],
    scopes: &'static [&'static str],
    scope: Scope,
    /// Numbering: (body key, period, first day of the period, issued a year).
    numbering: (u32, u16, NaiveDate, f64),
    /// A term printed in the heading (`KHÓA XIII`, `(KHÓA XVII)`).
    stated_term: Option<u8>,
    /// A Central Committee / provincial / district committee conference resolution.
    conference: Option<String>,
    /// `ỦY BAN NHÂN DÂN TỈNH HÀ GIANG`: the State body's name in decisions.
    state_body: String,
    /// Province for geography in sentences.
    province: Option<usize>,
    /// District (index into the generator's districts) of district and commune bodies.
    district: Option<usize>,
}

/// A document later documents may cite.
#[derive(Clone)]
struct Citable {
    number: String,
    type_name: &'static str,
    serial: u32,
    date: NaiveDate,
    by: String,
    subject: String,
    /// Numbers in the subject (`… Chỉ thị số 05-CT/TW …`), cited along with it.
    nested: Vec<String>,
}

const PROVINCE_WINDOW: usize = 40;
const DISTRICT_WINDOW: usize = 12;
const CENTRAL_WINDOW: usize = 400;
const STATE_WINDOW: usize = 200;

struct Generator {
    rng: Rng,
    count: usize,
    first: NaiveDate,
    days: i64,
    /// Every district: (province index, `huyện …`).
    districts: Vec<(usize, &'static str)>,
    /// Numbers in use: (body key, code, period, serial).
    used: HashSet<(u32, &'static str, u16, u32)>,
    /// Central Party resolutions, directives, conclusions and regulations: the most cited.
    central: VecDeque<Citable>,
    state_central: VecDeque<Citable>,
    provinces: Vec<VecDeque<Citable>>,
    district_pools: Vec<VecDeque<Citable>>,
    state_provinces: Vec<VecDeque<Citable>>,
}

/// Numbering body keys: one range per kind of body.
const KEY_TW: u32 = 1;
const KEY_CENTRAL_ORGAN: u32 = 10;
const KEY_PROVINCE: u32 = 1_000;
const KEY_DISTRICT: u32 = 100_000;
const KEY_COMMUNE: u32 = 1_000_000;
const KEY_STATE_CENTRAL: u32 = 2_000_000;
const KEY_STATE_PROVINCE: u32 = 3_000_000;
const KEY_STATE_DISTRICT: u32 = 4_000_000;

impl Generator {
    fn new(count: usize, seed: u64) -> Generator {
        let first = ymd(FIRST_DAY);
        let days = (ymd(LAST_DAY) - first).num_days();
        let districts = PROVINCES
            .iter()
            .enumerate()
            .flat_map(|(p, province)| province.districts.iter().map(move |d| (p, *d)))
            .collect::<Vec<_>>();
        let mut generator = Generator {
            rng: Rng::new(seed),
            count,
            first,
            days,
            used: HashSet::new(),
            central: VecDeque::new(),
            state_central: VecDeque::new(),
            provinces: vec![VecDeque::new(); PROVINCES.len()],
            district_pools: vec![VecDeque::new(); districts.len()],
            state_provinces: vec![VecDeque::new(); PROVINCES.len()],
            districts,
        };
        for landmark in LANDMARKS {
            generator.reserve(landmark);
        }
        generator
    }

    /// Keep a real document's number for it alone in its period.
    fn reserve(&mut self, landmark: &Landmark) {
        let date = ymd(landmark.date);
        let Some((serial, rest)) = landmark.number.split_once(['-', '/']) else {
            return;
        };
        let Ok(serial) = serial.parse::<u32>() else {
            return;
        };
        let (key, code, period) = if let Some(code) = rest.strip_suffix("/TW") {
            let code = [NQ, CT, KL, QD, HD, TB]
                .iter()
                .find(|s| s.code == code)
                .map_or("NQ", |s| s.code);
            let term = central_committee_term(date).unwrap_or(0);
            (KEY_TW, code, term as u16)
        } else {
            (KEY_STATE_CENTRAL, ND.code, date.year() as u16)
        };
        self.used.insert((key, code, period, serial));
    }

    /// The date of the `i`-th document: evenly through the span, so the stream is chronological.
    fn date_of(&self, i: usize) -> NaiveDate {
        let offset = (i as i64 * self.days) / self.count.max(1) as i64;
        self.first + chrono::Duration::days(offset)
    }

    fn document(&mut self, i: usize) -> GeneratedDocument {
        let date = self.date_of(i);
        let plan = match self.rng.below(100) {
            0..=9 => self.plan_central(date),
            10..=42 => self.plan_province(date),
            43..=64 => self.plan_district(date),
            65..=69 => self.plan_commune(date),
            70..=77 => self.plan_state_central(date),
            78..=94 => self.plan_state_province(date),
            _ => self.plan_state_district(date),
        };
        let serial = self.serial(&plan, date);
        let number = number_text(&plan, serial, date.year());
        let classification = match self.rng.below(1000) {
            _ if plan.form == Form::StateYear => Classification::Public,
            0..=29 => Classification::Mat,
            30..=33 if plan.form == Form::Party => Classification::ToiMat,
            34..=53 => Classification::Internal,
            _ => Classification::Public,
        };
        let mut writer = Writer::new(&number);
        let follow = self
            .follow_up(&plan, date)
            .filter(|cited| cited.number != number);
        let subject = self.subject(&plan, date, follow.as_ref());
        self.write_header(&mut writer, &plan, &number, date, classification, &subject);
        self.write_body(&mut writer, &plan, date, follow.as_ref());
        self.write_signature(&mut writer, &plan);
        let term = match plan.level {
            Level::Central if plan.form == Form::Party => central_committee_term(date),
            _ => plan.stated_term,
        };
        let citable = Citable {
            number: number.clone(),
            type_name: plan.spec.name,
            serial,
            date,
            by: plan.voice.cited_by.clone(),
            subject: subject.text.clone(),
            nested: subject.cites.clone(),
        };
        self.remember(&plan, citable);
        let code = if plan.spec.code.is_empty() {
            "cv".to_string()
        } else {
            slug(plan.spec.code)
        };
        GeneratedDocument {
            file_name: format!(
                "{:06}-{code}-{serial:02}-{}-{}.txt",
                i + 1,
                date.year(),
                slug(&plan.issuer)
            ),
            text: writer.text,
            number,
            doc_type: plan.spec.doc_type.to_string(),
            issuer: plan.issuer,
            issuer_name: plan.issuer_name,
            issued: date,
            term,
            classification,
            cites: writer.cites,
        }
    }

    /// The serial: how far the period has gone at the body's yearly rate, give or take, and
    /// never one the body already used in that period.
    fn serial(&mut self, plan: &Plan, date: NaiveDate) -> u32 {
        let (key, period, start, rate) = plan.numbering;
        let years = ((date - start).num_days().max(0) as f64 + 1.0) / 365.25;
        let jitter = 0.8 + 0.4 * self.rng.unit();
        let mut serial = 1 + (rate * years * jitter) as u32;
        while !self.used.insert((key, plan.spec.code, period, serial)) {
            serial += 1 + self.rng.below(3) as u32;
        }
        serial
    }

    fn remember(&mut self, plan: &Plan, citable: Citable) {
        let push = |pool: &mut VecDeque<Citable>, cap: usize, item: Citable| {
            if pool.len() == cap {
                pool.pop_front();
            }
            pool.push_back(item);
        };
        let citable_type = matches!(
            plan.spec.style,
            Style::Directive | Style::Regulation | Style::Plan | Style::Project | Style::Program
        ) || (plan.spec.style == Style::Decision && plan.form != Form::Party)
            || (plan.spec.style == Style::Guidance && plan.level == Level::Central);
        if !citable_type {
            return;
        }
        match plan.scope {
            Scope::CentralParty => push(&mut self.central, CENTRAL_WINDOW, citable),
            Scope::CentralState => push(&mut self.state_central, STATE_WINDOW, citable),
            Scope::Province(p) if plan.form == Form::Party => {
                push(&mut self.provinces[p], PROVINCE_WINDOW, citable)
            }
            Scope::Province(p) => push(&mut self.state_provinces[p], PROVINCE_WINDOW, citable),
            Scope::District(d) if plan.form == Form::Party => {
                push(&mut self.district_pools[d], DISTRICT_WINDOW, citable)
            }
            Scope::District(_) => {}
            Scope::None => {}
        }
    }

    // -----------------------------------------------------------------------------------------
    // Plans by family.

    fn plan_central(&mut self, date: NaiveDate) -> Plan {
        let term = central_committee_term(date).unwrap_or(8);
        let term_start = congress_date(term).unwrap_or(date);
        let roll = self.rng.below(100);
        let base = |spec, voice, numbering, issuer: &str, header: Vec<String>, name: String| Plan {
            spec,
            form: Form::Party,
            level: Level::Central,
            issuer: issuer.to_string(),
            header,
            place: "Hà Nội".to_string(),
            issuer_name: name,
            voice,
            actors: words::CENTRAL_ACTORS,
            scopes: words::CENTRAL_SCOPES,
            scope: Scope::CentralParty,
            numbering,
            stated_term: None,
            conference: None,
            state_body: String::new(),
            province: None,
            district: None,
        };
        let bch = vec!["BAN CHẤP HÀNH TRUNG ƯƠNG".to_string()];
        if roll < 8 {
            // A Central Committee conference resolution, numbered with the Politburo's.
            let elapsed = (date - term_start).num_days() as f64 / 365.25;
            let conference = (1 + (elapsed / 5.0 * 15.0) as usize).min(ORDINALS.len());
            let roman = roman_numeral(term).unwrap_or_default();
            let voice = Voice {
                heading_of: String::new(),
                actor: "Ban Chấp hành Trung ương".to_string(),
                authority: "T/M BAN CHẤP HÀNH TRUNG ƯƠNG".to_string(),
                position: "TỔNG BÍ THƯ".to_string(),
                cited_by: format!("Ban Chấp hành Trung ương Đảng (khóa {roman})"),
            };
            let mut plan = base(
                NQ,
                voice,
                (KEY_TW, term as u16, term_start, 12.0),
                "TW",
                bch,
                "Ban Chấp hành Trung ương".to_string(),
            );
            plan.conference = Some(format!(
                "HỘI NGHỊ LẦN THỨ {} BAN CHẤP HÀNH TRUNG ƯƠNG ĐẢNG KHÓA {roman}",
                ORDINALS[conference - 1]
            ));
            plan.stated_term = Some(term);
            return plan;
        }
        if roll < 70 {
            let politburo = self.rng.chance(0.55);
            let (issues, body, upper) = if politburo {
                (POLITBURO, "Bộ Chính trị", "BỘ CHÍNH TRỊ")
            } else {
                (SECRETARIAT, "Ban Bí thư", "BAN BÍ THƯ")
            };
            let (spec, rate) = pick_issue(&mut self.rng, issues);
            let position = if politburo && self.rng.chance(0.5) {
                "TỔNG BÍ THƯ"
            } else {
                "THƯỜNG TRỰC BAN BÍ THƯ"
            };
            let notice = spec.style == Style::Notice;
            let voice = Voice {
                heading_of: format!("CỦA {upper}"),
                actor: body.to_string(),
                authority: if notice {
                    format!("T/L {upper}")
                } else {
                    format!("T/M {upper}")
                },
                position: if notice {
                    "CHÁNH VĂN PHÒNG".to_string()
                } else {
                    position.to_string()
                },
                cited_by: body.to_string(),
            };
            return base(
                spec,
                voice,
                (KEY_TW, term as u16, term_start, rate),
                "TW",
                bch,
                body.to_string(),
            );
        }
        let organs: Vec<(usize, &Organ)> = CENTRAL_ORGANS
            .iter()
            .enumerate()
            .filter(|(_, o)| ymd(o.valid.0) <= date && date <= ymd(o.valid.1))
            .collect();
        let (index, organ) = *self.rng.pick(&organs);
        let (spec, rate) = pick_issue(&mut self.rng, organ.issues);
        let name = format!("{} Trung ương", organ.name);
        let voice = self.organ_voice(organ, &name, spec);
        let issuer = format!("{}TW", organ.prefix);
        base(
            spec,
            voice,
            (
                KEY_CENTRAL_ORGAN + index as u32,
                term as u16,
                term_start,
                rate,
            ),
            &issuer,
            vec![
                "BAN CHẤP HÀNH TRUNG ƯƠNG".to_string(),
                organ.header.to_string(),
            ],
            name,
        )
    }

    fn organ_voice(&mut self, organ: &Organ, name: &str, spec: TypeSpec) -> Voice {
        let deputy = self.rng.chance(0.6);
        let (authority, position) = if !organ.authority.is_empty() && spec.style != Style::Letter {
            (
                organ.authority.to_string(),
                if deputy { organ.deputy } else { organ.head },
            )
        } else if deputy {
            (format!("K/T {}", organ.head), organ.deputy)
        } else {
            (String::new(), organ.head)
        };
        Voice {
            heading_of: String::new(),
            actor: name.to_string(),
            authority,
            position: position.to_string(),
            cited_by: name.to_string(),
        }
    }

    fn plan_province(&mut self, date: NaiveDate) -> Plan {
        let p = self.rng.below(PROVINCES.len());
        let province = &PROVINCES[p];
        let (term, term_start) = local_term(date, province.term_2020, Level::Province);
        let upper = province.name.to_uppercase();
        let (committee, committee_name) = if province.city {
            (
                format!("THÀNH ỦY {upper}"),
                format!("Thành ủy {}", province.name),
            )
        } else {
            (
                format!("TỈNH ỦY {upper}"),
                format!("Tỉnh ủy {}", province.name),
            )
        };
        let short = if province.city {
            "Thành ủy"
        } else {
            "Tỉnh ủy"
        };
        let short_upper = short.to_uppercase();
        let mut plan = Plan {
            spec: NQ,
            form: Form::Party,
            level: Level::Province,
            issuer: "TU".to_string(),
            header: vec![committee.clone()],
            place: place_of(province),
            issuer_name: committee_name.clone(),
            voice: Voice {
                heading_of: String::new(),
                actor: String::new(),
                authority: String::new(),
                position: String::new(),
                cited_by: String::new(),
            },
            actors: words::PROVINCE_ACTORS,
            scopes: words::PROVINCE_SCOPES,
            scope: Scope::Province(p),
            numbering: (KEY_PROVINCE + p as u32 * 20, term as u16, term_start, 6.0),
            stated_term: None,
            conference: None,
            state_body: String::new(),
            province: Some(p),
            district: None,
        };
        let roll = self.rng.below(100);
        if roll < 6 {
            // A conference of the provincial committee, which states its term.
            let ordinal = ORDINALS[self.rng.below(12)];
            let roman = roman_numeral(term).unwrap_or_default();
            let city = if province.city {
                "THÀNH PHỐ"
            } else {
                "TỈNH"
            };
            plan.conference = Some(format!(
                "HỘI NGHỊ LẦN THỨ {ordinal} BAN CHẤP HÀNH ĐẢNG BỘ {city} KHÓA {roman}"
            ));
            plan.stated_term = Some(term);
            if self.rng.chance(0.5) {
                plan.header = vec![format!("ĐẢNG BỘ {city} {upper}"), short_upper.clone()];
            }
            plan.voice = Voice {
                heading_of: String::new(),
                actor: format!("Ban Chấp hành Đảng bộ {}", city.to_lowercase()),
                authority: format!("T/M {short_upper}"),
                position: "BÍ THƯ".to_string(),
                cited_by: format!(
                    "Ban Chấp hành Đảng bộ {} (khóa {roman})",
                    city.to_lowercase()
                ),
            };
            return plan;
        }
        if roll < 72 {
            let (spec, rate) = pick_issue(&mut self.rng, PROVINCE_STANDING);
            plan.spec = spec;
            plan.numbering.3 = rate;
            if self.rng.chance(0.3) {
                let city = if province.city {
                    "THÀNH PHỐ"
                } else {
                    "TỈNH"
                };
                plan.header = vec![format!("ĐẢNG BỘ {city} {upper}"), short_upper.clone()];
            }
            // A conclusion or notice of the standing committee sometimes names its term.
            if matches!(spec.style, Style::Directive) && spec.code == "KL" && self.rng.chance(0.3) {
                plan.stated_term = Some(term);
            }
            plan.voice = self.committee_voice(spec, &short_upper, short, plan.stated_term);
            return plan;
        }
        let organs: Vec<(usize, &Organ)> = PROVINCE_ORGANS
            .iter()
            .enumerate()
            .filter(|(_, o)| ymd(o.valid.0) <= date && date <= ymd(o.valid.1))
            .collect();
        let (index, organ) = *self.rng.pick(&organs);
        let (spec, rate) = pick_issue(&mut self.rng, organ.issues);
        let name = format!("{} {committee_name}", organ.name);
        plan.spec = spec;
        plan.issuer = format!("{}TU", organ.prefix);
        plan.header = vec![committee, organ.header.to_string()];
        plan.issuer_name = name.clone();
        plan.numbering = (
            KEY_PROVINCE + p as u32 * 20 + 1 + index as u32,
            term as u16,
            term_start,
            rate,
        );
        plan.voice = self.organ_voice(organ, &format!("{} {short}", organ.name), spec);
        plan
    }

    /// The standing committee of a provincial or district committee speaking.
    fn committee_voice(
        &mut self,
        spec: TypeSpec,
        committee_upper: &str,
        committee: &str,
        term: Option<u8>,
    ) -> Voice {
        let term_suffix = term
            .and_then(roman_numeral)
            .map(|r| format!(" (KHÓA {r})"))
            .unwrap_or_default();
        let clerical = matches!(spec.style, Style::Notice | Style::Letter);
        let (authority, position) = if clerical && self.rng.chance(0.6) {
            ("T/L BAN THƯỜNG VỤ".to_string(), "CHÁNH VĂN PHÒNG")
        } else {
            (
                "T/M BAN THƯỜNG VỤ".to_string(),
                *self
                    .rng
                    .pick(&["BÍ THƯ", "PHÓ BÍ THƯ THƯỜNG TRỰC", "PHÓ BÍ THƯ"]),
            )
        };
        let heading_of = match spec.style {
            Style::Directive | Style::Notice if !matches!(spec.code, "NQ") => {
                format!("CỦA BAN THƯỜNG VỤ {committee_upper}{term_suffix}")
            }
            _ => String::new(),
        };
        Voice {
            heading_of,
            actor: format!("Ban Thường vụ {committee}"),
            authority,
            position: position.to_string(),
            cited_by: format!("Ban Thường vụ {committee}"),
        }
    }

    fn plan_district(&mut self, date: NaiveDate) -> Plan {
        let d = self.rng.below(self.districts.len());
        let (p, district) = self.districts[d];
        let province = &PROVINCES[p];
        let (kind, name) = district.split_once(' ').unwrap_or(("huyện", district));
        let (kind, name) = match district.strip_prefix("thành phố ") {
            Some(city) => ("thành phố", city),
            None => (kind, name),
        };
        let (committee_upper, short, symbol) = match kind {
            "quận" => ("QUẬN ỦY", "Quận ủy", "QU"),
            "thành phố" => ("THÀNH ỦY", "Thành ủy", "ThU"),
            _ => ("HUYỆN ỦY", "Huyện ủy", "HU"),
        };
        let term_2020 = 19 + (d % 7) as u8;
        let (term, term_start) = local_term(date, term_2020, Level::District);
        let parent = if province.city {
            "ĐẢNG BỘ THÀNH PHỐ"
        } else {
            "ĐẢNG BỘ TỈNH"
        };
        let upper_name = name.to_uppercase();
        let header = vec![
            format!("{parent} {}", province.name.to_uppercase()),
            format!("{committee_upper} {upper_name}"),
        ];
        let mut plan = Plan {
            spec: NQ,
            form: Form::Party,
            level: Level::District,
            issuer: symbol.to_string(),
            header,
            place: name.to_string(),
            issuer_name: format!("{short} {name}"),
            voice: Voice {
                heading_of: String::new(),
                actor: String::new(),
                authority: String::new(),
                position: String::new(),
                cited_by: String::new(),
            },
            actors: words::DISTRICT_ACTORS,
            scopes: words::DISTRICT_SCOPES,
            scope: Scope::District(d),
            numbering: (KEY_DISTRICT + d as u32 * 20, term as u16, term_start, 5.0),
            stated_term: None,
            conference: None,
            state_body: String::new(),
            province: Some(p),
            district: Some(d),
        };
        if self.rng.chance(0.06) {
            let roman = roman_numeral(term).unwrap_or_default();
            let unit = kind.to_uppercase();
            plan.conference = Some(format!(
                "HỘI NGHỊ LẦN THỨ {} BAN CHẤP HÀNH ĐẢNG BỘ {unit} KHÓA {roman}",
                ORDINALS[self.rng.below(12)]
            ));
            plan.stated_term = Some(term);
            plan.voice = Voice {
                heading_of: String::new(),
                actor: format!("Ban Chấp hành Đảng bộ {kind}"),
                authority: format!("T/M {committee_upper}"),
                position: "BÍ THƯ".to_string(),
                cited_by: format!("Ban Chấp hành Đảng bộ {kind} (khóa {roman})"),
            };
            return plan;
        }
        let (spec, rate) = pick_issue(&mut self.rng, DISTRICT_STANDING);
        plan.spec = spec;
        plan.numbering.3 = rate;
        if spec.code == "KL" && self.rng.chance(0.3) {
            plan.stated_term = Some(term);
        }
        plan.voice = self.committee_voice(spec, committee_upper, short, plan.stated_term);
        plan
    }

    fn plan_commune(&mut self, date: NaiveDate) -> Plan {
        let d = self.rng.below(self.districts.len());
        let (p, district) = self.districts[d];
        let c = self.rng.below(words::COMMUNES.len());
        let commune = words::COMMUNES[c];
        let (kind, district_name) = district.split_once(' ').unwrap_or(("huyện", district));
        let district_name = district.strip_prefix("thành phố ").unwrap_or(district_name);
        let district_kind = if district.starts_with("thành phố") {
            "THÀNH PHỐ"
        } else if kind == "quận" {
            "QUẬN"
        } else {
            "HUYỆN"
        };
        let (spec, rate) = pick_issue(&mut self.rng, COMMUNE_COMMITTEE);
        let term_2020 = 20 + (c % 6) as u8;
        let (term, term_start) = local_term(date, term_2020, Level::Commune);
        let clerical = spec.style == Style::Letter;
        Plan {
            spec,
            form: Form::Party,
            level: Level::Commune,
            issuer: "ĐU".to_string(),
            header: vec![
                format!("ĐẢNG BỘ {district_kind} {}", district_name.to_uppercase()),
                format!("ĐẢNG ỦY XÃ {}", commune.to_uppercase()),
            ],
            place: commune.to_string(),
            issuer_name: format!("Đảng ủy xã {commune}"),
            voice: Voice {
                heading_of: if spec.style == Style::Directive && spec.code != "NQ" {
                    "CỦA BAN THƯỜNG VỤ ĐẢNG ỦY".to_string()
                } else {
                    String::new()
                },
                actor: "Đảng ủy xã".to_string(),
                authority: if clerical {
                    "T/M BAN THƯỜNG VỤ".to_string()
                } else {
                    "T/M ĐẢNG ỦY".to_string()
                },
                position: self.rng.pick(&["BÍ THƯ", "PHÓ BÍ THƯ"]).to_string(),
                cited_by: "Đảng ủy xã".to_string(),
            },
            actors: words::COMMUNE_ACTORS,
            scopes: words::DISTRICT_SCOPES,
            scope: Scope::None,
            numbering: (
                KEY_COMMUNE + (d as u32) * 64 + c as u32,
                term as u16,
                term_start,
                rate,
            ),
            stated_term: None,
            conference: None,
            state_body: String::new(),
            province: Some(p),
            district: Some(d),
        }
    }

    fn plan_state_central(&mut self, date: NaiveDate) -> Plan {
        let year = date.year();
        let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(date);
        let state = |spec,
                     form,
                     issuer: &str,
                     header: &[&str],
                     name: &str,
                     voice: Voice,
                     numbering: (u32, u16, NaiveDate, f64),
                     body: &str| Plan {
            spec,
            form,
            level: Level::Central,
            issuer: issuer.to_string(),
            header: header.iter().map(|s| s.to_string()).collect(),
            place: "Hà Nội".to_string(),
            issuer_name: name.to_string(),
            voice,
            actors: words::STATE_CENTRAL_ACTORS,
            scopes: words::CENTRAL_SCOPES,
            scope: Scope::CentralState,
            numbering,
            stated_term: None,
            conference: None,
            state_body: body.to_string(),
            province: None,
            district: None,
        };
        let y = year as u16;
        match self.rng.below(100) {
            0..=29 => state(
                ND,
                Form::StateYear,
                "CP",
                &["CHÍNH PHỦ"],
                "Chính phủ",
                Voice {
                    heading_of: String::new(),
                    actor: "Chính phủ".to_string(),
                    authority: "TM. CHÍNH PHỦ".to_string(),
                    position: "THỦ TƯỚNG".to_string(),
                    cited_by: "Chính phủ".to_string(),
                },
                (KEY_STATE_CENTRAL, y, year_start, 150.0),
                "CHÍNH PHỦ",
            ),
            30..=39 => state(
                NQ,
                Form::StateAdmin,
                "CP",
                &["CHÍNH PHỦ"],
                "Chính phủ",
                Voice {
                    heading_of: String::new(),
                    actor: "Chính phủ".to_string(),
                    authority: "TM. CHÍNH PHỦ".to_string(),
                    position: "THỦ TƯỚNG".to_string(),
                    cited_by: "Chính phủ".to_string(),
                },
                (KEY_STATE_CENTRAL, y, year_start, 120.0),
                "CHÍNH PHỦ",
            ),
            40..=74 => {
                let (spec, form, rate) = *self.rng.weighted(&[
                    ((QD, Form::StateAdmin, 1800.0), 6),
                    ((QD, Form::StateYear, 35.0), 1),
                    ((CT, Form::StateAdmin, 25.0), 1),
                    ((LETTER, Form::StateLetter, 1500.0), 2),
                ]);
                let deputy = self.rng.chance(0.5);
                let issuer = if form == Form::StateLetter {
                    format!("TTg-{}", self.rng.pick(PM_DESKS))
                } else {
                    "TTg".to_string()
                };
                let key = KEY_STATE_CENTRAL + if form == Form::StateYear { 2 } else { 1 };
                state(
                    spec,
                    form,
                    &issuer,
                    &["THỦ TƯỚNG CHÍNH PHỦ"],
                    "Thủ tướng Chính phủ",
                    Voice {
                        heading_of: String::new(),
                        actor: "Thủ tướng Chính phủ".to_string(),
                        authority: if deputy {
                            "KT. THỦ TƯỚNG".to_string()
                        } else {
                            String::new()
                        },
                        position: if deputy {
                            "PHÓ THỦ TƯỚNG"
                        } else {
                            "THỦ TƯỚNG"
                        }
                        .to_string(),
                        cited_by: "Thủ tướng Chính phủ".to_string(),
                    },
                    (key, y, year_start, rate),
                    "THỦ TƯỚNG CHÍNH PHỦ",
                )
            }
            _ => {
                let m = self.rng.below(MINISTRIES.len());
                let (symbol, header, name) = MINISTRIES[m];
                let (spec, form, rate) = *self.rng.weighted(&[
                    ((TT, Form::StateYear, 30.0), 3),
                    ((QD, Form::StateAdmin, 2500.0), 2),
                ]);
                let deputy = self.rng.chance(0.6);
                state(
                    spec,
                    form,
                    symbol,
                    &[header],
                    name,
                    Voice {
                        heading_of: String::new(),
                        actor: name.to_string(),
                        authority: if deputy {
                            "KT. BỘ TRƯỞNG".to_string()
                        } else {
                            String::new()
                        },
                        position: if deputy {
                            "THỨ TRƯỞNG"
                        } else {
                            "BỘ TRƯỞNG"
                        }
                        .to_string(),
                        cited_by: name.to_string(),
                    },
                    (KEY_STATE_CENTRAL + 10 + m as u32, y, year_start, rate),
                    &format!("BỘ TRƯỞNG {header}"),
                )
            }
        }
    }

    fn plan_state_province(&mut self, date: NaiveDate) -> Plan {
        let p = self.rng.below(PROVINCES.len());
        let province = &PROVINCES[p];
        let year = date.year();
        let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(date);
        let unit = if province.city {
            "THÀNH PHỐ"
        } else {
            "TỈNH"
        };
        let unit_lower = unit.to_lowercase();
        let upper = province.name.to_uppercase();
        let committee = format!("Ủy ban nhân dân {unit_lower} {}", province.name);
        let mut plan = Plan {
            spec: QD,
            form: Form::StateAdmin,
            level: Level::Province,
            issuer: "UBND".to_string(),
            header: vec!["ỦY BAN NHÂN DÂN".to_string(), format!("{unit} {upper}")],
            place: place_of(province),
            issuer_name: committee.clone(),
            voice: Voice {
                heading_of: String::new(),
                actor: format!("Ủy ban nhân dân {unit_lower}"),
                authority: "TM. ỦY BAN NHÂN DÂN".to_string(),
                position: "CHỦ TỊCH".to_string(),
                cited_by: format!("Ủy ban nhân dân {unit_lower}"),
            },
            actors: words::STATE_PROVINCE_ACTORS,
            scopes: words::PROVINCE_SCOPES,
            scope: Scope::Province(p),
            numbering: (
                KEY_STATE_PROVINCE + p as u32 * 50,
                year as u16,
                year_start,
                2500.0,
            ),
            stated_term: None,
            conference: None,
            state_body: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {unit} {upper}"),
            province: Some(p),
            district: None,
        };
        if self.rng.chance(0.3) {
            plan.header = vec![format!("ỦY BAN NHÂN DÂN {unit} {upper}")];
        }
        let (spec, form, rate, key) = *self.rng.weighted(&[
            ((QD, Form::StateAdmin, 2500.0, 0), 8),
            ((QD, Form::StateYear, 40.0, 1), 1),
            ((KH, Form::StateAdmin, 300.0, 0), 3),
            ((BC, Form::StateAdmin, 400.0, 0), 2),
            ((CT, Form::StateAdmin, 15.0, 0), 1),
            ((TB, Form::StateAdmin, 200.0, 0), 1),
            ((LETTER, Form::StateLetter, 5000.0, 2), 6),
            ((NQ, Form::StateYear, 30.0, 3), 1),
            ((NQ, Form::StateAdmin, 80.0, 3), 1),
            ((QD, Form::StateAdmin, 300.0, 10), 2),
        ]);
        plan.spec = spec;
        plan.form = form;
        plan.numbering = (plan.numbering.0 + key, year as u16, year_start, rate);
        if self.rng.chance(0.5) {
            plan.voice.authority = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH".to_string();
            plan.voice.position = "PHÓ CHỦ TỊCH".to_string();
        }
        match key {
            2 => plan.issuer = format!("UBND-{}", self.rng.pick(LETTER_DESKS)),
            3 => {
                // A resolution of the provincial People's Council.
                plan.issuer = "HĐND".to_string();
                plan.header = vec!["HỘI ĐỒNG NHÂN DÂN".to_string(), format!("{unit} {upper}")];
                plan.issuer_name = format!("Hội đồng nhân dân {unit_lower} {}", province.name);
                let term = council_term(date, p);
                plan.stated_term = Some(term);
                plan.state_body = format!(
                    "HỘI ĐỒNG NHÂN DÂN {unit} {upper}\nKHÓA {}, KỲ HỌP THỨ {}",
                    roman_numeral(term).unwrap_or_default(),
                    ORDINAL_NUMBERS[self.rng.below(ORDINAL_NUMBERS.len())]
                );
                plan.voice = Voice {
                    heading_of: String::new(),
                    actor: format!("Hội đồng nhân dân {unit_lower}"),
                    authority: String::new(),
                    position: "CHỦ TỊCH".to_string(),
                    cited_by: format!("Hội đồng nhân dân {unit_lower}"),
                };
            }
            10 => {
                let dep = self.rng.below(DEPARTMENTS.len());
                let (symbol, header, name) = DEPARTMENTS[dep];
                let (spec, rate) = *self.rng.weighted(&[((QD, 300.0), 2), ((KH, 50.0), 1)]);
                plan.spec = spec;
                plan.issuer = symbol.to_string();
                plan.header = vec![
                    format!("ỦY BAN NHÂN DÂN {unit} {upper}"),
                    header.to_string(),
                ];
                plan.issuer_name = format!("{name} {unit_lower} {}", province.name);
                plan.numbering = (
                    KEY_STATE_PROVINCE + p as u32 * 50 + 10 + dep as u32,
                    year as u16,
                    year_start,
                    rate,
                );
                plan.state_body = format!("GIÁM ĐỐC {header}");
                let deputy = self.rng.chance(0.5);
                plan.voice = Voice {
                    heading_of: String::new(),
                    actor: name.to_string(),
                    authority: if deputy {
                        "KT. GIÁM ĐỐC".to_string()
                    } else {
                        String::new()
                    },
                    position: if deputy {
                        "PHÓ GIÁM ĐỐC"
                    } else {
                        "GIÁM ĐỐC"
                    }
                    .to_string(),
                    cited_by: name.to_string(),
                };
            }
            _ => {}
        }
        plan
    }

    fn plan_state_district(&mut self, date: NaiveDate) -> Plan {
        let d = self.rng.below(self.districts.len());
        let (p, district) = self.districts[d];
        let (kind, name) = district.split_once(' ').unwrap_or(("huyện", district));
        let (kind, name) = match district.strip_prefix("thành phố ") {
            Some(city) => ("thành phố", city),
            None => (kind, name),
        };
        let year = date.year();
        let year_start = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(date);
        let (spec, form, rate, key) = *self.rng.weighted(&[
            ((QD, Form::StateAdmin, 3000.0, 0), 4),
            ((KH, Form::StateAdmin, 150.0, 0), 2),
            ((BC, Form::StateAdmin, 300.0, 0), 2),
            ((LETTER, Form::StateLetter, 2000.0, 1), 2),
        ]);
        let kind_upper = kind.to_uppercase();
        let upper = name.to_uppercase();
        Plan {
            spec,
            form,
            level: Level::District,
            issuer: if key == 1 {
                format!("UBND-{}", self.rng.pick(&["VP", "TNMT", "NV", "VHTT"]))
            } else {
                "UBND".to_string()
            },
            header: vec![
                "ỦY BAN NHÂN DÂN".to_string(),
                format!("{kind_upper} {upper}"),
            ],
            place: name.to_string(),
            issuer_name: format!("Ủy ban nhân dân {kind} {name}"),
            voice: Voice {
                heading_of: String::new(),
                actor: format!("Ủy ban nhân dân {kind}"),
                authority: "TM. ỦY BAN NHÂN DÂN".to_string(),
                position: self.rng.pick(&["CHỦ TỊCH", "PHÓ CHỦ TỊCH"]).to_string(),
                cited_by: format!("Ủy ban nhân dân {kind}"),
            },
            actors: words::DISTRICT_ACTORS,
            scopes: words::DISTRICT_SCOPES,
            scope: Scope::District(d),
            numbering: (
                KEY_STATE_DISTRICT + d as u32 * 10 + key,
                year as u16,
                year_start,
                rate,
            ),
            stated_term: None,
            conference: None,
            state_body: format!("CHỦ TỊCH ỦY BAN NHÂN DÂN {kind_upper} {upper}"),
            province: Some(p),
            district: Some(d),
        }
    }

    // -----------------------------------------------------------------------------------------
    // Citations.

    /// An earlier document this one implements, reviews or guides, carried in its subject.
    fn follow_up(&mut self, plan: &Plan, date: NaiveDate) -> Option<Citable> {
        let p = match plan.spec.style {
            Style::Program => 0.8,
            Style::Plan => 0.6,
            Style::Guidance => 0.5,
            Style::Report => 0.4,
            Style::Letter => 0.25,
            Style::Decision if plan.form != Form::Party => 0.2,
            _ => 0.0,
        };
        if plan.level == Level::Central
            && plan.form == Form::Party
            && plan.voice.heading_of.is_empty()
        {
            // Central organs guide the Politburo's and Secretariat's documents.
            if !self.rng.chance(p) {
                return None;
            }
            return self.pick_recent(Pool::Central, date);
        }
        if !self.rng.chance(p) {
            return None;
        }
        match (plan.form, plan.scope) {
            (Form::Party, Scope::Province(prov)) => {
                if self.rng.chance(0.8) {
                    self.pick_recent(Pool::Central, date)
                } else {
                    self.pick_recent(Pool::Province(prov), date)
                }
            }
            (Form::Party, Scope::District(_) | Scope::None) => {
                // A district implements the centre and its province; a commune its district.
                let prov = plan.province.unwrap_or(0);
                let district = plan.district.unwrap_or(0);
                let commune = plan.level == Level::Commune;
                match (self.rng.below(10), commune) {
                    (0..=3, false) | (0..=1, true) => self.pick_recent(Pool::Central, date),
                    (4..=6, false) | (2..=3, true) => self.pick_recent(Pool::Province(prov), date),
                    _ => self.pick_recent(Pool::District(district), date),
                }
            }
            (_, Scope::Province(_) | Scope::District(_)) => {
                let prov = plan.province.unwrap_or(0);
                match self.rng.below(10) {
                    0..=5 => self.pick_recent(Pool::StateCentral, date),
                    6..=7 => self.pick_recent(Pool::Province(prov), date),
                    _ => self.pick_recent(Pool::StateProvince(prov), date),
                }
            }
            _ => None,
        }
    }

    /// A recent document of a pool, the most recent likeliest (plans follow within months),
    /// or a real landmark document.
    fn pick_recent(&mut self, pool: Pool, date: NaiveDate) -> Option<Citable> {
        if self.rng.chance(0.15) {
            let eligible: Vec<&Landmark> = LANDMARKS
                .iter()
                .filter(|l| ymd(l.date) < date)
                .filter(|l| match pool {
                    Pool::StateCentral => l.number.contains("-CP"),
                    _ => l.number.contains("/TW"),
                })
                .collect();
            if !eligible.is_empty() {
                let landmark = eligible[eligible.len() - 1 - self.rng.below(eligible.len().min(4))];
                return Some(landmark_citable(landmark));
            }
        }
        let items = match pool {
            Pool::Central => &self.central,
            Pool::StateCentral => &self.state_central,
            Pool::Province(p) => &self.provinces[p],
            Pool::StateProvince(p) => &self.state_provinces[p],
            Pool::District(d) => &self.district_pools[d],
        };
        if items.is_empty() {
            return None;
        }
        let window = items.len().min(30);
        let u = self.rng.unit();
        let back = ((u * u) * window as f64) as usize;
        items
            .get(items.len() - 1 - back.min(items.len() - 1))
            .cloned()
    }

    /// Other documents cited in passing in the body.
    fn passing_citation(&mut self, plan: &Plan, date: NaiveDate) -> Option<Citable> {
        let pool = match (plan.form, plan.level) {
            (Form::Party, Level::Central) => Pool::Central,
            (Form::Party, _) => match (self.rng.below(3), plan.district) {
                (0, _) => Pool::Central,
                (1, Some(d)) => Pool::District(d),
                _ => Pool::Province(plan.province.unwrap_or(0)),
            },
            (_, Level::Central) => Pool::StateCentral,
            _ => match self.rng.below(3) {
                0 => Pool::StateProvince(plan.province.unwrap_or(0)),
                _ => Pool::StateCentral,
            },
        };
        self.pick_recent(pool, date)
    }

    // -----------------------------------------------------------------------------------------
    // Writing.

    fn subject(&mut self, plan: &Plan, date: NaiveDate, follow: Option<&Citable>) -> Subject {
        let year = date.year();
        let object = object_of(&mut self.rng, year);
        if let Some(cited) = follow {
            let mention = format!(
                "{} số {}, ngày {} của {}",
                cited.type_name,
                cited.number,
                date_digits(cited.date),
                cited.by
            );
            let about = about(cited);
            let years = (year - cited.date.year()).max(1);
            let text = match plan.spec.style {
                Style::Report => format!(
                    "{} {years} năm thực hiện {mention}{about}",
                    if years >= 10 {
                        "tổng kết"
                    } else {
                        "sơ kết"
                    }
                ),
                Style::Guidance => {
                    format!("học tập, quán triệt và triển khai thực hiện {mention}{about}")
                }
                Style::Letter => format!("triển khai thực hiện {mention}"),
                Style::Decision => format!("Ban hành Kế hoạch thực hiện {mention}{about}"),
                Style::Program => format!("thực hiện {mention}{about}"),
                _ => format!("thực hiện {mention}{about}"),
            };
            return Subject {
                text,
                cites: vec![cited.number.clone()],
            };
        }
        let lead = *self.rng.pick(words::SUBJECT_LEADS);
        let scope = *self.rng.pick(plan.scopes);
        let scope = fill_years(scope, year);
        let text = match plan.spec.style {
            Style::Decision if plan.form == Form::Party => match self.rng.below(3) {
                0 => format!("về việc thành lập Ban Chỉ đạo {object}"),
                1 => format!("về việc kiện toàn Ban Chỉ đạo {object}"),
                _ => format!("về việc ban hành Quy chế làm việc của Ban Chỉ đạo {object}"),
            },
            Style::Decision => match self.rng.below(3) {
                0 => format!("Về việc ban hành Kế hoạch {object}{scope}"),
                1 => format!("Phê duyệt Đề án {object}{scope}"),
                _ => format!("Về việc thành lập Ban Chỉ đạo {object}"),
            },
            Style::Regulation if plan.spec.code == "NĐ" => match self.rng.below(2) {
                0 => format!(
                    "Quy định chi tiết một số điều của {}",
                    law_of(&mut self.rng, year)
                ),
                _ => format!("Quy định về {object}"),
            },
            Style::Regulation if plan.spec.code == "TT" => format!("Hướng dẫn {object}"),
            Style::Regulation if plan.spec.code == "QC" => {
                format!("làm việc của Ban Chỉ đạo {object}")
            }
            Style::Guidance => match self.rng.below(3) {
                0 => format!(
                    "tuyên truyền kỷ niệm {} năm Ngày thành lập Đảng Cộng sản Việt Nam (3/2/1930 - 3/2/{})",
                    year - 1930,
                    year
                ),
                _ => format!("thực hiện {object}{scope}"),
            },
            Style::Plan => match self.rng.below(3) {
                0 => format!("kiểm tra, giám sát năm {year}"),
                _ => format!("thực hiện {object}{scope}"),
            },
            Style::Notice => format!("kết luận của Thường trực về {object}"),
            Style::Report => match self.rng.below(2) {
                0 => format!("kết quả {object} năm {year}"),
                _ => format!("tình hình {object} 6 tháng đầu năm {year}"),
            },
            Style::Letter => format!("{lead} {object}"),
            _ => format!("về {lead} {object}{scope}"),
        };
        Subject {
            text,
            cites: Vec::new(),
        }
    }

    fn write_header(
        &mut self,
        w: &mut Writer,
        plan: &Plan,
        number: &str,
        date: NaiveDate,
        classification: Classification,
        subject: &Subject,
    ) {
        let pad = self.rng.chance(0.7);
        let dateline = format!("{}, {}", plan.place, date_words(date, pad));
        let mark = match classification {
            Classification::Mat => Some("MẬT"),
            Classification::ToiMat => Some("TỐI MẬT"),
            Classification::Internal => Some("LƯU HÀNH NỘI BỘ"),
            _ => None,
        };
        let urgent = (plan.spec.style == Style::Letter && self.rng.chance(0.05)).then_some("KHẨN");
        let letter = plan.spec.style == Style::Letter;
        let colon = plan.form != Form::Party || self.rng.chance(0.15);
        let so = if colon {
            format!("Số: {number}")
        } else {
            format!("Số {number}")
        };
        let two_columns = self.rng.chance(0.4);
        if mark == Some("LƯU HÀNH NỘI BỘ") && self.rng.chance(0.5) {
            w.line("LƯU HÀNH NỘI BỘ");
        }
        let under_number = |w: &mut Writer| {
            if let Some(m) = mark.filter(|m| *m != "LƯU HÀNH NỘI BỘ" || w.top_mark_missing())
            {
                w.line(m);
            }
            if let Some(u) = urgent {
                w.line(u);
            }
        };
        let vv: Vec<String> = if letter {
            wrap(&format!("V/v {}", subject.text), 60)
        } else {
            Vec::new()
        };
        w.cites.extend(subject.cites.iter().cloned());
        if plan.form == Form::Party {
            if two_columns {
                w.line(&columns(&plan.header[0], "ĐẢNG CỘNG SẢN VIỆT NAM"));
                for line in &plan.header[1..] {
                    w.line(line);
                }
                w.line(&columns("      *", &dateline));
                w.line(&so);
            } else {
                w.line("ĐẢNG CỘNG SẢN VIỆT NAM");
                for line in &plan.header {
                    w.line(line);
                }
                w.line("*");
                w.line(&so);
            }
            under_number(w);
            for line in &vv {
                w.line(line);
            }
            if !two_columns {
                w.line(&dateline);
            }
        } else {
            let motto = [
                "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                "Độc lập - Tự do - Hạnh phúc",
            ];
            if two_columns {
                let mut left = plan.header.clone();
                left.resize(2, String::new());
                w.line(&columns(&left[0], motto[0]));
                w.line(&columns(&left[1], motto[1]));
                w.line(&columns(&so, &dateline));
                under_number(w);
                for line in &vv {
                    w.line(line);
                }
            } else {
                for line in &plan.header {
                    w.line(line);
                }
                w.line(motto[0]);
                w.line(motto[1]);
                w.line(&so);
                under_number(w);
                for line in &vv {
                    w.line(line);
                }
                w.line(&dateline);
            }
        }
        w.blank();
        if letter {
            return;
        }
        // Title block: heading, the issuer or conference line, the subject, a rule.
        let heading = if plan.spec.code == "CTr" && self.rng.chance(0.5) {
            "CHƯƠNG TRÌNH HÀNH ĐỘNG"
        } else {
            plan.spec.heading
        };
        w.line(heading);
        if let Some(conference) = &plan.conference {
            w.line(conference);
        } else if !plan.voice.heading_of.is_empty() {
            w.line(&plan.voice.heading_of);
        }
        let capitals = plan.form == Form::Party && self.rng.chance(0.1);
        let text = if capitals {
            subject.text.to_uppercase()
        } else {
            subject.text.clone()
        };
        for line in wrap(&text, 72) {
            w.line(&line);
        }
        if plan.form == Form::Party {
            w.line("-----");
        } else if plan.spec.code == "NQ" || plan.spec.style == Style::Decision {
            w.blank();
            w.line(&plan.state_body);
        }
        w.blank();
    }

    fn write_body(
        &mut self,
        w: &mut Writer,
        plan: &Plan,
        date: NaiveDate,
        follow: Option<&Citable>,
    ) {
        let target = match plan.spec.style {
            Style::Letter | Style::Notice => 300 + (600.0 * self.rng.unit()) as usize,
            _ => {
                let u = self.rng.unit();
                300 + (2700.0 * u * u) as usize
            }
        };
        // The cited documents come first, as documents open with them.
        let mut citations: Vec<Citable> = follow.into_iter().cloned().collect();
        for _ in 0..self.rng.below(4) {
            if let Some(cited) = self.passing_citation(plan, date) {
                if !citations.iter().any(|x| x.number == cited.number) {
                    citations.push(cited);
                }
            }
        }
        citations.retain(|cited| cited.number != w.own);
        let mut c = Composer {
            rng: &mut self.rng,
            plan,
            year: date.year(),
        };
        if plan.spec.style == Style::Letter {
            let recipients = c.recipients();
            w.text.push_str(&format!("Kính gửi: {recipients}\n\n"));
        }
        if plan.form != Form::Party
            && matches!(plan.spec.style, Style::Decision | Style::Regulation)
        {
            // State decisions and decrees open with their legal bases, one per line.
            for line in c.legal_bases(&citations) {
                w.paragraph(&line);
            }
            for cited in &citations {
                w.cites.push(cited.number.clone());
            }
            let (proposal, submission) = c.proposal(date);
            w.paragraph(&proposal);
            w.cites.extend(submission);
        } else {
            for (i, cited) in citations.iter().enumerate() {
                let sentence = c.citing_sentence(cited, i == 0);
                w.paragraph(&sentence);
                w.cites.push(cited.number.clone());
            }
        }
        if let Some(cited) = follow {
            // Implementation documents keep naming what they implement.
            for _ in 0..c.rng.between(2, 5) {
                let sentence = c.mention_sentence(cited);
                w.paragraph(&sentence);
            }
        }
        c.body(w, target, follow);
    }

    fn write_signature(&mut self, w: &mut Writer, plan: &Plan) {
        w.blank();
        for line in plan.voice.authority.lines().filter(|l| !l.is_empty()) {
            w.line(line);
        }
        w.line(&plan.voice.position);
        if self.rng.chance(0.3) {
            w.line("(Đã ký)");
        }
        w.blank();
        let name = format!(
            "{} {} {}",
            self.rng.pick(words::FAMILY_NAMES),
            self.rng.pick(words::MIDDLE_NAMES),
            self.rng.pick(words::GIVEN_NAMES)
        );
        w.line(&name);
        w.blank();
        w.line("Nơi nhận:");
        let mut c = Composer {
            rng: &mut self.rng,
            plan,
            year: 0,
        };
        let recipients = c.recipient_lines();
        for line in recipients {
            w.line(&line);
        }
    }
}

#[derive(Clone, Copy)]
enum Pool {
    District(usize),
    Central,
    StateCentral,
    Province(usize),
    StateProvince(usize),
}

struct Subject {
    text: String,
    cites: Vec<String>,
}

fn landmark_citable(l: &Landmark) -> Citable {
    Citable {
        number: l.number.to_string(),
        type_name: l.type_name,
        serial: l
            .number
            .split(['-', '/'])
            .next()
            .and_then(|n| n.parse().ok())
            .unwrap_or(1),
        date: ymd(l.date),
        by: l.by.to_string(),
        subject: l.subject.to_string(),
        nested: if l.number == "01-KL/TW" {
            vec!["05-CT/TW".to_string()]
        } else {
            Vec::new()
        },
    }
}

/// An object of work that existed in `year`.
fn object_of(rng: &mut Rng, year: i32) -> &'static str {
    let modern = if year >= words::MODERN_FROM {
        words::MODERN_OBJECTS.len()
    } else {
        0
    };
    let i = rng.below(words::OBJECTS.len() + modern);
    words::OBJECTS
        .get(i)
        .copied()
        .unwrap_or_else(|| words::MODERN_OBJECTS[i - words::OBJECTS.len()])
}

/// A law passed by `year`.
fn law_of(rng: &mut Rng, year: i32) -> &'static str {
    let passed: Vec<&'static str> = words::LAWS
        .iter()
        .filter(|(y, _)| *y < year)
        .map(|(_, law)| *law)
        .collect();
    if passed.is_empty() {
        return "Luật Đất đai";
    }
    passed[rng.below(passed.len())]
}

fn pick_issue(rng: &mut Rng, issues: Issues) -> (TypeSpec, f64) {
    let weighted: Vec<((TypeSpec, f64), u32)> = issues
        .iter()
        .map(|(spec, weight, rate)| ((*spec, *rate), *weight))
        .collect();
    *rng.weighted(&weighted)
}

fn number_text(plan: &Plan, serial: u32, year: i32) -> String {
    let code = plan.spec.code;
    match plan.form {
        Form::Party => format!("{serial:02}-{code}/{}", plan.issuer),
        Form::StateYear => format!("{serial:02}/{year}/{code}-{}", plan.issuer),
        Form::StateAdmin => format!("{serial:02}/{code}-{}", plan.issuer),
        Form::StateLetter => format!("{serial:02}/{}", plan.issuer),
    }
}

const ORDINALS: [&str; 16] = [
    "NHẤT",
    "HAI",
    "BA",
    "TƯ",
    "NĂM",
    "SÁU",
    "BẢY",
    "TÁM",
    "CHÍN",
    "MƯỜI",
    "MƯỜI MỘT",
    "MƯỜI HAI",
    "MƯỜI BA",
    "MƯỜI BỐN",
    "MƯỜI LĂM",
    "MƯỜI SÁU",
];

/// The dateline's place: the province's name; `TP. Hồ Chí Minh` style only for the big cities.
fn place_of(province: &Province) -> String {
    province.name.to_string()
}

fn date_words(date: NaiveDate, pad: bool) -> String {
    let (d, m) = (date.day(), date.month());
    if pad {
        let month = if m <= 2 {
            format!("{m:02}")
        } else {
            m.to_string()
        };
        format!("ngày {d:02} tháng {month} năm {}", date.year())
    } else {
        format!("ngày {d} tháng {m} năm {}", date.year())
    }
}

fn date_digits(date: NaiveDate) -> String {
    format!("{:02}/{:02}/{}", date.day(), date.month(), date.year())
}

/// Two header columns on one line, as PDF extraction gives them.
fn columns(left: &str, right: &str) -> String {
    let width = left.chars().count();
    let gap = 48usize.saturating_sub(width).max(6);
    format!("{left}{}{right}", " ".repeat(gap))
}

/// Break a subject into lines of about `width` characters, only before a lowercase word (a
/// capitalized word or a number at a line start reads as a new block) unless the subject is set
/// all in capitals.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let capitals = !text.chars().any(char::is_lowercase);
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let breakable = capitals || word.chars().next().is_some_and(char::is_lowercase);
        if !line.is_empty() && line.chars().count() + word.chars().count() > width && breakable {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// What a cited document is about, with a leading space, cut to its first clause; empty when
/// its subject names other documents (a plan's subject), so citations do not nest.
fn about(cited: &Citable) -> String {
    if !cited.nested.is_empty() {
        return String::new();
    }
    let subject = &cited.subject;
    let cut = subject.find(';').unwrap_or(subject.len());
    format!(" {}", subject[..cut].trim_end_matches([',', '.']))
}

/// `{a}`, `{b}`: years around the document's.
fn fill_years(template: &str, year: i32) -> String {
    if !template.contains('{') {
        return template.to_string();
    }
    let start = year - (year % 5);
    template.replace("{a}", &year.to_string()).replace(
        "{b}",
        &(start + 5 + if year % 5 >= 3 { 5 } else { 0 }).to_string(),
    )
}

fn slug(s: &str) -> String {
    crate::vietnamese::fold(s)
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

// ---------------------------------------------------------------------------------------------
// Text.

/// The document being written, its own number and what it cites.
struct Writer {
    text: String,
    own: String,
    cites: Vec<String>,
    words: usize,
    top_mark: bool,
}

impl Writer {
    fn new(own: &str) -> Writer {
        Writer {
            text: String::with_capacity(8192),
            own: own.to_string(),
            cites: Vec::new(),
            words: 0,
            top_mark: false,
        }
    }

    fn line(&mut self, line: &str) {
        if self.text.is_empty() && line == "LƯU HÀNH NỘI BỘ" {
            self.top_mark = true;
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    fn top_mark_missing(&self) -> bool {
        !self.top_mark
    }

    fn blank(&mut self) {
        self.text.push('\n');
    }

    /// A paragraph and a blank line after it; counts its words.
    fn paragraph(&mut self, text: &str) {
        self.words += text.bytes().filter(|b| *b == b' ').count() + 1;
        self.text.push_str(text);
        self.text.push_str("\n\n");
    }

    /// Citations deduplicated in order of first mention.
    fn finish_cites(&mut self) {
        let mut seen = HashSet::new();
        let own = self.own.clone();
        self.cites.retain(|n| *n != own && seen.insert(n.clone()));
    }
}

/// Sentences for one document.
struct Composer<'a> {
    rng: &'a mut Rng,
    plan: &'a Plan,
    year: i32,
}

impl Composer<'_> {
    fn pick(&mut self, items: &'static [&'static str]) -> &'static str {
        items[self.rng.below(items.len())]
    }

    fn object(&mut self) -> &'static str {
        object_of(self.rng, self.year)
    }

    fn actors(&mut self) -> &'static str {
        if self.rng.chance(0.25) {
            self.pick(words::COMMON_ACTORS)
        } else {
            let actors = self.plan.actors;
            actors[self.rng.below(actors.len())]
        }
    }

    /// Placeholders `{p}` (percent), `{q}` (small percent), `{n}` (count), `{a}`, `{b}` (years).
    fn fill(&mut self, template: &str) -> String {
        if !template.contains('{') {
            return template.to_string();
        }
        let mut out = String::with_capacity(template.len() + 8);
        let mut rest = template;
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            let tail = &rest[at..];
            let value = if tail.starts_with("{p}") {
                Some(self.rng.between(70, 99).to_string())
            } else if tail.starts_with("{q}") {
                Some(format!("{},{}", self.rng.between(1, 4), self.rng.below(10)))
            } else if tail.starts_with("{n}") {
                Some(self.rng.between(3, 480).to_string())
            } else if tail.starts_with("{a}") {
                Some(self.year.to_string())
            } else if tail.starts_with("{b}") {
                Some((self.year + 5).to_string())
            } else {
                None
            };
            match value {
                Some(v) => {
                    out.push_str(&v);
                    rest = &tail[3..];
                }
                None => {
                    out.push('{');
                    rest = &tail[1..];
                }
            }
        }
        out.push_str(rest);
        out
    }

    fn task(&mut self) -> String {
        let action = capitalize(self.pick(words::ACTIONS));
        let object = self.object();
        let manner = self.pick(words::MANNERS);
        let purpose = self.pick(words::PURPOSES);
        format!("{action} {object} {manner}, {purpose}.")
    }

    fn sentence(&mut self) -> String {
        let object = self.object();
        match self.rng.below(9) {
            0 => {
                let actors = capitalize(self.actors());
                let action = self.pick(words::ACTIONS);
                let manner = self.pick(words::MANNERS);
                format!("{actors} {action} {object} {manner}.")
            }
            1 => {
                let time = self.rng_pick_time();
                let time = self.fill(time);
                let actors = self.actors();
                let action = self.pick(words::ACTIONS);
                let purpose = self.pick(words::PURPOSES);
                format!("{time}, {actors} cần {action} {object}, {purpose}.")
            }
            2 => {
                let actors = self.actors();
                let r1 = self.pick(words::RESULTS);
                let r2 = self.pick(words::RESULTS);
                let r1 = self.fill(r1);
                let r2 = self.fill(r2);
                format!(
                    "Thời gian qua, {actors} đã quan tâm lãnh đạo, chỉ đạo {object}; {r1}, {r2}."
                )
            }
            3 => {
                let l1 = self.pick(words::LIMITATIONS);
                let l2 = self.pick(words::LIMITATIONS);
                format!("Tuy nhiên, {l1}; {l2}.")
            }
            4 => {
                let c1 = self.pick(words::CAUSES);
                let c2 = self.pick(words::CAUSES);
                format!("Nguyên nhân của hạn chế chủ yếu là do {c1} và {c2}.")
            }
            5 => {
                let p = self.rng.between(60, 100);
                let unit = self.pick(words::UNITS);
                let done = self.pick(words::DONE);
                format!("Đến nay, {p}% {unit} đã {done}.")
            }
            6 => {
                let actors = capitalize(self.actors());
                let action = self.pick(words::ACTIONS);
                let actor = self.plan.voice.actor.clone();
                format!(
                    "{actors} có trách nhiệm {action} {object}, định kỳ báo cáo {actor} kết quả thực hiện."
                )
            }
            7 if self.plan.form == Form::Party => {
                // Landmark resolutions are named, not numbered, and carry their term in brackets.
                let known: Vec<&str> = words::NAMED_RESOLUTIONS
                    .iter()
                    .filter(|(from, _)| *from <= self.year)
                    .map(|(_, name)| *name)
                    .collect();
                if known.is_empty() {
                    return self.task();
                }
                let named = known[self.rng.below(known.len())];
                let purpose = self.pick(words::PURPOSES);
                format!("Gắn với thực hiện {named}, {purpose}.")
            }
            7 => {
                let other = self.object();
                let purpose = self.pick(words::PURPOSES);
                format!("Gắn {object} với {other}, {purpose}.")
            }
            _ => self.task(),
        }
    }

    fn rng_pick_time(&mut self) -> &'static str {
        self.pick(words::TIMES)
    }

    fn paragraph(&mut self, sentences: usize) -> String {
        let mut out = String::new();
        for i in 0..sentences {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&self.sentence());
        }
        out
    }

    /// `Thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị về …, Ban Thường vụ …`
    fn citing_sentence(&mut self, cited: &Citable, first: bool) -> String {
        let verb = if first {
            *self.rng.pick(&[
                "Thực hiện",
                "Căn cứ",
                "Triển khai thực hiện",
                "Tiếp tục thực hiện",
            ])
        } else {
            *self
                .rng
                .pick(&["Gắn với thực hiện", "Đồng thời thực hiện", "Căn cứ"])
        };
        let date = if self.rng.chance(0.7) {
            date_digits(cited.date)
        } else {
            date_words(cited.date, true).replacen("ngày ", "", 1)
        };
        let subject = about(cited);
        let actor = self.plan.voice.actor.clone();
        let object = self.object();
        match self.rng.below(3) {
            0 => format!(
                "{verb} {} số {}, ngày {date} của {}{subject}, {actor} yêu cầu tập trung {object} như sau.",
                cited.type_name, cited.number, cited.by
            ),
            1 => format!(
                "{verb} {} số {} ngày {date} của {}{subject}; {actor} ban hành văn bản này để thống nhất thực hiện.",
                cited.type_name, cited.number, cited.by
            ),
            _ => format!(
                "{verb} {} số {}, ngày {date} của {}, {actor} đề nghị các cơ quan, đơn vị quán triệt và tổ chức thực hiện tốt {object}.",
                cited.type_name, cited.number, cited.by
            ),
        }
    }

    /// A body sentence naming the implemented document again, in full or short.
    fn mention_sentence(&mut self, cited: &Citable) -> String {
        let short = format!("{} {:02}", cited.type_name, cited.serial);
        let full = if self.rng.chance(0.5) {
            format!("{} số {}", cited.type_name, cited.number)
        } else {
            format!("{} {}", cited.type_name, cited.number)
        };
        let name = if self.rng.chance(0.6) { full } else { short };
        let object = self.object();
        let actors = self.actors();
        match self.rng.below(4) {
            0 => format!(
                "Việc thực hiện {name} phải gắn với {object}; {actors} chủ động xây dựng kế hoạch cụ thể."
            ),
            1 => format!("Tổ chức quán triệt {name} đến {actors}, bảo đảm {}.", self.pick(words::MANNERS)),
            2 => format!(
                "Định kỳ hằng năm sơ kết việc thực hiện {name}, kịp thời biểu dương các tập thể, cá nhân có thành tích."
            ),
            _ => format!(
                "Nội dung {name} được đưa vào sinh hoạt chi bộ và chương trình công tác của {actors}."
            ),
        }
    }

    fn legal_bases(&mut self, citations: &[Citable]) -> Vec<String> {
        let mut lines = Vec::new();
        let foundation = words::organisation_law(self.year, self.plan.level == Level::Central);
        lines.push(foundation.to_string());
        if self.rng.chance(0.6) {
            let law = law_of(self.rng, self.year);
            lines.push(format!("Căn cứ {law};"));
        }
        for cited in citations {
            lines.push(format!(
                "Căn cứ {} số {} ngày {} của {}{};",
                cited.type_name,
                cited.number,
                date_digits(cited.date),
                cited.by,
                about(cited)
            ));
        }
        lines
    }

    /// `Theo đề nghị của Giám đốc Sở Nội vụ tại Tờ trình số 45/TTr-SNV ngày …`: a State decision
    /// proposed by a department; the submission's number is cited too.
    fn proposal(&mut self, date: NaiveDate) -> (String, Option<String>) {
        match self.plan.level {
            Level::Central => {
                let actor = self.pick(words::STATE_CENTRAL_ACTORS);
                let minister = if actor.starts_with("Bộ ") {
                    format!("Bộ trưởng {actor}")
                } else {
                    "Bộ trưởng Bộ Nội vụ".to_string()
                };
                (format!("Theo đề nghị của {minister};"), None)
            }
            _ => {
                let (symbol, _, name) = *self.rng.pick(DEPARTMENTS);
                let serial = self.rng.between(5, 400);
                let number = format!("{serial:02}/TTr-{symbol}");
                let day = date - chrono::Duration::days(self.rng.between(3, 30) as i64);
                (
                    format!(
                        "Theo đề nghị của Giám đốc {name} tại Tờ trình số {number} ngày {}.",
                        date_digits(day)
                    ),
                    Some(number),
                )
            }
        }
    }

    fn section_titles(&mut self) -> &'static [&'static str] {
        match self.plan.spec.style {
            Style::Plan | Style::Program => &[
                "MỤC ĐÍCH, YÊU CẦU",
                "NHIỆM VỤ VÀ GIẢI PHÁP",
                "TỔ CHỨC THỰC HIỆN",
                "KINH PHÍ THỰC HIỆN",
            ],
            Style::Guidance => &[
                "MỤC ĐÍCH, YÊU CẦU",
                "NỘI DUNG",
                "HÌNH THỨC THỰC HIỆN",
                "TỔ CHỨC THỰC HIỆN",
            ],
            Style::Report => &[
                "CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO",
                "KẾT QUẢ ĐẠT ĐƯỢC",
                "HẠN CHẾ, KHUYẾT ĐIỂM VÀ NGUYÊN NHÂN",
                "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI",
                "KIẾN NGHỊ, ĐỀ XUẤT",
            ],
            Style::Project => &[
                "SỰ CẦN THIẾT XÂY DỰNG ĐỀ ÁN",
                "THỰC TRẠNG",
                "MỤC TIÊU",
                "NHIỆM VỤ, GIẢI PHÁP",
                "TỔ CHỨC THỰC HIỆN",
            ],
            _ => &[
                "TÌNH HÌNH VÀ NGUYÊN NHÂN",
                "QUAN ĐIỂM CHỈ ĐẠO VÀ MỤC TIÊU",
                "NHIỆM VỤ, GIẢI PHÁP",
                "TỔ CHỨC THỰC HIỆN",
            ],
        }
    }

    /// The body proper, until it has about `target` words.
    fn body(&mut self, w: &mut Writer, target: usize, follow: Option<&Citable>) {
        let style = self.plan.spec.style;
        match style {
            Style::Letter => {
                while w.words < target {
                    let sentences = self.rng.between(2, 4);
                    let text = self.paragraph(sentences);
                    w.paragraph(&text);
                    if self.rng.chance(0.4) {
                        for letter in ['a', 'b', 'c'].iter().take(self.rng.between(2, 3)) {
                            let task = self.task();
                            w.paragraph(&format!("{letter}) {task}"));
                        }
                    }
                }
                w.paragraph("Đề nghị các cơ quan, đơn vị quan tâm, triển khai thực hiện./.");
            }
            Style::Notice => {
                let actor = self.plan.voice.actor.clone();
                let object = self.object();
                let meeting = format!(
                    "Tại phiên họp thường kỳ, {actor} đã nghe báo cáo về {object}. Sau khi nghe báo cáo và ý kiến của các đồng chí dự họp, {actor} kết luận như sau:"
                );
                w.paragraph(&meeting);
                let mut k = 1;
                while w.words < target {
                    let sentences = self.rng.between(0, 2);
                    let task = self.task();
                    let more = self.paragraph(sentences);
                    let text = format!("{k}. {task} {more}");
                    w.paragraph(text.trim_end());
                    k += 1;
                }
                w.paragraph(&format!(
                    "{actor} thông báo để các cơ quan, đơn vị biết, thực hiện."
                ));
            }
            Style::Decision | Style::Regulation => {
                if style == Style::Decision {
                    if self.plan.form == Form::Party {
                        let actor = self.plan.voice.actor.clone();
                        w.paragraph("- Căn cứ Điều lệ Đảng Cộng sản Việt Nam;");
                        w.paragraph(&format!("- Căn cứ Quy chế làm việc của {actor};"));
                        let proposer = *self.rng.pick(&[
                            "Ban Tổ chức",
                            "Văn phòng",
                            "Ban Tuyên giáo",
                            "Ủy ban Kiểm tra",
                        ]);
                        w.paragraph(&format!("- Xét đề nghị của {proposer},"));
                    }
                    let caps = if self.plan.form == Form::Party {
                        format!("{} QUYẾT ĐỊNH", self.plan.voice.actor.to_uppercase())
                    } else {
                        "QUYẾT ĐỊNH:".to_string()
                    };
                    w.paragraph(&caps);
                }
                let mut article = 1;
                let mut chapter = 0;
                while w.words < target || article < 3 {
                    if style == Style::Regulation && (article == 1 || self.rng.chance(0.15)) {
                        chapter += 1;
                        let title = if chapter == 1 {
                            "QUY ĐỊNH CHUNG"
                        } else {
                            *self.rng.pick(&[
                                "NHIỆM VỤ, QUYỀN HẠN",
                                "NỘI DUNG CỤ THỂ",
                                "TRÁCH NHIỆM CỦA CÁC CƠ QUAN, ĐƠN VỊ",
                                "ĐIỀU KHOẢN THI HÀNH",
                            ])
                        };
                        w.paragraph(&format!(
                            "Chương {}",
                            roman_numeral(chapter).unwrap_or_default()
                        ));
                        w.paragraph(title);
                    }
                    let object = self.object();
                    w.paragraph(&format!("Điều {article}. {}", capitalize(object)));
                    for clause in 1..=self.rng.between(1, 3) {
                        let sentences = self.rng.between(1, 2);
                        let text = self.paragraph(sentences);
                        w.paragraph(&format!("{clause}. {text}"));
                    }
                    article += 1;
                }
                let closing = if self.plan.form == Form::Party {
                    format!(
                        "Điều {article}. Các cơ quan, đơn vị và cá nhân có liên quan chịu trách nhiệm thi hành {} này.",
                        self.plan.spec.name
                    )
                } else {
                    format!(
                        "Điều {article}. {} này có hiệu lực kể từ ngày ký. Chánh Văn phòng và thủ trưởng các cơ quan, đơn vị có liên quan chịu trách nhiệm thi hành./.",
                        self.plan.spec.name
                    )
                };
                w.paragraph(&closing);
            }
            _ => {
                let titles = self.section_titles();
                let mut section = 0;
                while w.words < target || section < 2 {
                    let title = titles[section % titles.len()];
                    section += 1;
                    w.paragraph(&format!(
                        "{}. {title}",
                        roman_numeral(section as u8).unwrap_or_default()
                    ));
                    if self.rng.chance(0.5) {
                        let sentences = self.rng.between(1, 3);
                        let text = self.paragraph(sentences);
                        w.paragraph(&text);
                    }
                    for item in 1..=self.rng.between(2, 5) {
                        let task = self.task();
                        let sentences = self.rng.between(0, 2);
                        let more = self.paragraph(sentences);
                        w.paragraph(format!("{item}. {task} {more}").trim_end());
                        if w.words >= target && section >= 2 {
                            break;
                        }
                    }
                }
                if let Some(cited) = follow {
                    let name = format!("{} số {}", cited.type_name, cited.number);
                    let actor = self.plan.voice.actor.clone();
                    w.paragraph(&format!(
                        "Trong quá trình thực hiện {name}, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị kịp thời phản ánh về {actor} để xem xét, chỉ đạo."
                    ));
                } else if style == Style::Directive {
                    w.paragraph(&format!(
                        "{} này được phổ biến đến chi bộ.",
                        self.plan.spec.name
                    ));
                }
            }
        }
        w.finish_cites();
    }

    fn recipients(&mut self) -> String {
        let a = self.actors();
        let b = self.actors();
        if a == b {
            format!("{a}.")
        } else {
            format!("{a}; {b}.")
        }
    }

    fn recipient_lines(&mut self) -> Vec<String> {
        let state = self.plan.form != Form::Party;
        let mut lines = Vec::new();
        if state && self.plan.spec.style == Style::Decision {
            lines.push("- Như Điều 3;".to_string());
        }
        for _ in 0..self.rng.between(2, 4) {
            let actor = self.actors();
            lines.push(format!(
                "- {}{}",
                capitalize(actor),
                if state { ";" } else { "," }
            ));
        }
        lines.push(if state {
            "- Lưu: VT.".to_string()
        } else {
            "- Lưu Văn phòng.".to_string()
        });
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{extract_metadata, extract_references, DocumentNumber};

    #[test]
    fn same_seed_same_documents() {
        let a: Vec<String> = generate(50, 7).map(|d| d.text).collect();
        let b: Vec<String> = generate(50, 7).map(|d| d.text).collect();
        let c: Vec<String> = generate(50, 8).map(|d| d.text).collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn documents_are_long_varied_and_chronological() {
        let docs: Vec<GeneratedDocument> = generate(400, 1).collect();
        let mut previous = NaiveDate::MIN;
        let mut names = HashSet::new();
        for doc in &docs {
            assert!(doc.issued >= previous, "chronological");
            previous = doc.issued;
            assert!(names.insert(doc.file_name.clone()), "unique file names");
            let words = doc.text.split_whitespace().count();
            assert!(
                (250..5000).contains(&words),
                "{words} words: {}",
                doc.file_name
            );
        }
        let distinct: HashSet<&str> = docs
            .iter()
            .flat_map(|d| d.text.split_whitespace())
            .collect();
        assert!(distinct.len() > 1500, "{} distinct words", distinct.len());
        let numbers: HashSet<&str> = docs.iter().map(|d| d.number.as_str()).collect();
        assert!(numbers.len() < docs.len(), "numbers recur");
        let classified = docs
            .iter()
            .filter(|d| d.classification != Classification::Public)
            .count();
        assert!(
            (1..docs.len() / 10).contains(&classified),
            "{classified} classified"
        );
        assert!(docs.iter().filter(|d| !d.cites.is_empty()).count() > docs.len() / 4);
        for kind in [
            "/TW", "/TU", "/HU", "/ĐU", "NĐ-CP", "QĐ-TTg", "QĐ-UBND", "/UBND-",
        ] {
            assert!(docs.iter().any(|d| d.number.contains(kind)), "{kind}");
        }
    }

    #[test]
    fn metadata_reads_back_what_was_generated() {
        let mut failures = Vec::new();
        for doc in generate(2000, 42) {
            let m = extract_metadata(&doc.text);
            let number = m.number.as_ref().map(DocumentNumber::canonical);
            let doc_type = m.doc_type.map(|t| t.code().to_string());
            let mut problems = Vec::new();
            if number.as_deref() != Some(doc.number.as_str()) {
                problems.push(format!("number {number:?}"));
            }
            if doc_type.as_deref() != Some(doc.doc_type.as_str()) {
                problems.push(format!("type {doc_type:?} ≠ {}", doc.doc_type));
            }
            if m.issued != Some(doc.issued) {
                problems.push(format!("date {:?} ≠ {}", m.issued, doc.issued));
            }
            if m.classification != doc.classification {
                problems.push(format!("classification {:?}", m.classification));
            }
            if m.number.as_ref().map(|n| n.issuer.as_str()) != Some(doc.issuer.as_str()) {
                problems.push("issuer".to_string());
            }
            if m.term_number() != doc.term {
                problems.push(format!("term {:?} ≠ {:?}", m.term_number(), doc.term));
            }
            let mut cited: Vec<String> = extract_references(&doc.text, m.number.as_ref())
                .into_iter()
                .map(|r| r.number.canonical())
                .collect();
            cited.dedup();
            let cited: HashSet<String> = cited.into_iter().collect();
            let expected: HashSet<String> = doc.cites.iter().cloned().collect();
            if cited != expected {
                problems.push(format!("cites {cited:?} ≠ {expected:?}"));
            }
            if !problems.is_empty() {
                failures.push(format!(
                    "{} {}: {}",
                    doc.file_name,
                    doc.number,
                    problems.join("; ")
                ));
            }
        }
        assert!(
            failures.is_empty(),
            "{} of 2000 misread:\n{}",
            failures.len(),
            failures
                .iter()
                .take(40)
                .cloned()
                .collect::<Vec<_>>()
                .join("\n")
        );
    }
}
