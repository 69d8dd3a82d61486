//! The Vietnamese letter table: each toned vowel as (vowel with its shape mark, tone).

use std::collections::HashMap;
use std::sync::LazyLock;

/// Rows: vowel without tone, then huyền, sắc, hỏi, ngã, nặng.
const VOWEL_ROWS: [&str; 24] = [
    "aàáảãạ",
    "ăằắẳẵặ",
    "âầấẩẫậ",
    "eèéẻẽẹ",
    "êềếểễệ",
    "iìíỉĩị",
    "oòóỏõọ",
    "ôồốổỗộ",
    "ơờớởỡợ",
    "uùúủũụ",
    "ưừứửữự",
    "yỳýỷỹỵ",
    "AÀÁẢÃẠ",
    "ĂẰẮẲẴẶ",
    "ÂẦẤẨẪẬ",
    "EÈÉẺẼẸ",
    "ÊỀẾỂỄỆ",
    "IÌÍỈĨỊ",
    "OÒÓỎÕỌ",
    "ÔỒỐỔỖỘ",
    "ƠỜỚỞỠỢ",
    "UÙÚỦŨỤ",
    "ƯỪỨỬỮỰ",
    "YỲÝỶỸỴ",
];

/// Shape-marked vowels and their bare letters (tone already removed).
const SHAPES: [(char, char); 14] = [
    ('ă', 'a'),
    ('â', 'a'),
    ('ê', 'e'),
    ('ô', 'o'),
    ('ơ', 'o'),
    ('ư', 'u'),
    ('đ', 'd'),
    ('Ă', 'A'),
    ('Â', 'A'),
    ('Ê', 'E'),
    ('Ô', 'O'),
    ('Ơ', 'O'),
    ('Ư', 'U'),
    ('Đ', 'D'),
];

struct Letters {
    /// toned vowel → (untoned vowel, tone 0..=5)
    split: HashMap<char, (char, usize)>,
    /// (untoned vowel, tone) → toned vowel
    join: HashMap<(char, usize), char>,
    /// any Vietnamese letter → its bare ASCII letter
    bare: HashMap<char, char>,
}

static LETTERS: LazyLock<Letters> = LazyLock::new(|| {
    let mut split = HashMap::new();
    let mut join = HashMap::new();
    let mut bare = HashMap::new();
    let shapes: HashMap<char, char> = SHAPES.into_iter().collect();
    for row in VOWEL_ROWS {
        let chars: Vec<char> = row.chars().collect();
        let plain = chars[0];
        let ascii = shapes.get(&plain).copied().unwrap_or(plain);
        for (tone, &c) in chars.iter().enumerate() {
            split.insert(c, (plain, tone));
            join.insert((plain, tone), c);
            bare.insert(c, ascii);
        }
    }
    bare.insert('đ', 'd');
    bare.insert('Đ', 'D');
    Letters { split, join, bare }
});

/// A Vietnamese vowel split into the vowel with its shape mark and its tone (0 none, 1 huyền,
/// 2 sắc, 3 hỏi, 4 ngã, 5 nặng): `ộ` → (`ô`, 5). `None` for anything else.
pub(crate) fn split_tone(c: char) -> Option<(char, usize)> {
    LETTERS.split.get(&c).copied()
}

/// The vowel `base` (with its shape mark, without tone) carrying `tone`: (`ô`, 5) → `ộ`.
pub(crate) fn with_tone(base: char, tone: usize) -> Option<char> {
    LETTERS.join.get(&(base, tone)).copied()
}

/// The bare letter of a Vietnamese letter (`ộ` → `o`, `Đ` → `D`); other characters unchanged.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    LETTERS.bare.get(&c).copied().unwrap_or(c)
}

/// First and last code point of the table below: Latin-1 letters through Latin Extended
/// Additional, where every Vietnamese letter lives.
const TABLE_START: u32 = 0xC0;
const TABLE_END: u32 = 0x1EFF;

/// For each code point in the range: (is a letter or digit, lowercase, folded lowercase), or
/// `None` where lowercasing yields several characters. Indexing reads every character of every
/// text several times; Unicode's own tables are a search each time.
static LATIN: LazyLock<Vec<Option<(bool, char, char)>>> = LazyLock::new(|| {
    (TABLE_START..=TABLE_END)
        .map(|u| {
            let c = char::from_u32(u)?;
            let mut lower = c.to_lowercase();
            let l = lower.next()?;
            if lower.next().is_some() {
                return None;
            }
            Some((c.is_alphanumeric(), l, fold_char(l)))
        })
        .collect()
});

/// Whether `c` is a letter or digit, its lowercase and its folded lowercase, when it is one
/// character in the fast table (ASCII and the Latin blocks Vietnamese is written in).
#[inline]
pub fn classify(c: char) -> Option<(bool, char, char)> {
    if c.is_ascii() {
        let l = c.to_ascii_lowercase();
        return Some((c.is_ascii_alphanumeric(), l, l));
    }
    let u = c as u32;
    if (TABLE_START..=TABLE_END).contains(&u) {
        return LATIN[(u - TABLE_START) as usize];
    }
    None
}

/// Strip every Vietnamese mark: `Đường` → `Duong`. For queries typed without marks; never the
/// only form kept, since it merges different words (dương, đường, đương).
pub fn fold(text: &str) -> String {
    text.chars().map(fold_char).collect()
}

/// Whether the text carries any Vietnamese mark (tone, shape or đ).
pub fn has_marks(text: &str) -> bool {
    text.chars().any(|c| fold_char(c) != c)
}

/// One tone placement for `oa`, `oe`, `uy` at the end of a syllable: the mark goes on the first
/// vowel (`hoà` → `hòa`, `thuỷ` → `thủy`, `khoẻ` → `khỏe`), as in current government usage.
/// `quỷ` keeps its mark on `y` because `qu` is a consonant there.
pub fn normalize_tone_placement(text: &str) -> String {
    if !text
        .chars()
        .any(|c| LETTERS.split.get(&c).is_some_and(|&(_, t)| t > 0))
    {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = chars.clone();
    let is_letter = |i: usize| chars.get(i).is_some_and(|c| c.is_alphabetic());
    for i in 1..chars.len() {
        // `i` is the last letter of a word.
        if is_letter(i + 1) {
            continue;
        }
        let (Some(&(second, tone)), Some(&(first, 0))) = (
            LETTERS.split.get(&chars[i]),
            LETTERS.split.get(&chars[i - 1]),
        ) else {
            continue;
        };
        if tone == 0 {
            continue;
        }
        let pair: String = [first, second]
            .iter()
            .flat_map(|c| c.to_lowercase())
            .collect();
        let before = i
            .checked_sub(2)
            .and_then(|j| chars.get(j))
            .filter(|c| c.is_alphabetic());
        let qu = pair == "uy" && before.is_some_and(|c| matches!(c, 'q' | 'Q'));
        // A vowel before the pair (`ngoeo` is not a case; `uyê` never ends a word) means another shape.
        let vowel_before = before.is_some_and(|c| LETTERS.split.contains_key(c));
        if matches!(pair.as_str(), "oa" | "oe" | "uy") && !qu && !vowel_before {
            if let (Some(&a), Some(&b)) = (
                LETTERS.join.get(&(first, tone)),
                LETTERS.join.get(&(second, 0)),
            ) {
                out[i - 1] = a;
                out[i] = b;
            }
        }
    }
    out.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classify_agrees_with_unicode() {
        for u in 0..0x2000u32 {
            let Some(c) = char::from_u32(u) else { continue };
            if let Some((alnum, lower, folded)) = classify(c) {
                assert_eq!(alnum, c.is_alphanumeric(), "{c}");
                assert_eq!(Some(lower), c.to_lowercase().next(), "{c}");
                assert_eq!(folded, fold_char(lower), "{c}");
            }
        }
        assert_eq!(classify('Ự'), Some((true, 'ự', 'u')));
        assert_eq!(classify('×'), Some((false, '×', '×')));
    }

    #[test]
    fn folds_every_vowel_and_d_stroke() {
        assert_eq!(fold("Đường Hồ Chí Minh"), "Duong Ho Chi Minh");
        assert_eq!(fold("ỦY BAN NHÂN DÂN"), "UY BAN NHAN DAN");
        assert_eq!(fold("nghị quyết"), "nghi quyet");
        assert_eq!(fold("ăằắẳẵặâầấẩẫậ"), "aaaaaaaaaaaa");
        assert_eq!(fold("ưừứửữựơờớởỡợ"), "uuuuuuoooooo");
    }

    #[test]
    fn marks_detected() {
        assert!(has_marks("chỉ thị"));
        assert!(has_marks("đi"));
        assert!(!has_marks("chi thi 05-CT/TW"));
    }

    #[test]
    fn tone_moves_to_first_vowel_of_open_oa_oe_uy() {
        assert_eq!(normalize_tone_placement("hoà bình"), "hòa bình");
        assert_eq!(normalize_tone_placement("Thuỷ lợi"), "Thủy lợi");
        assert_eq!(normalize_tone_placement("uỷ ban"), "ủy ban");
        assert_eq!(normalize_tone_placement("ỦY BAN"), "ỦY BAN");
        assert_eq!(normalize_tone_placement("UỶ BAN"), "ỦY BAN");
        assert_eq!(normalize_tone_placement("khoẻ mạnh"), "khỏe mạnh");
        assert_eq!(normalize_tone_placement("hoạ sĩ"), "họa sĩ");
    }

    #[test]
    fn tone_stays_where_it_belongs() {
        for s in [
            "quỷ", "Quý", "hoàng", "khuyến", "thuyền", "hòa", "toán", "quà", "khuỷu", "người",
        ] {
            assert_eq!(normalize_tone_placement(s), s, "{s}");
        }
    }
}
