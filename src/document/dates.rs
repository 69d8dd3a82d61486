//! Dates as Vietnamese documents write them: `ngày 15 tháng 5 năm 2016`, `15/5/2016`,
//! `15-5-2016`, and in words: `ngày mười lăm tháng năm năm 2019`, `ngày mồng ba tháng tư năm
//! 2020`, `ngày hai mươi mốt tháng mười hai năm 2021`, `năm hai nghìn không trăm hai mươi`;
//! with or without diacritics.
//!
//! The patterns capture day, month and year as `d`/`m`/`y` (worded form) and `d2`/`m2`/`y2`
//! (digits with separators); [`date_from`] reads either.

use chrono::NaiveDate;
use regex::Captures;

use crate::vietnamese::fold;

/// One number word: units, tens, hundreds, thousands, the links `linh`/`lẻ`, with and without
/// diacritics. Longer spellings first so that `bảy` is not read as `ba`.
const NUMBER_WORD: &str = r"(?i:mười|mươi|muoi|một|mốt|mot|hai|bốn|bon|tư|tu|năm|nam|lăm|lam|nhăm|nham|sáu|sau|bảy|bẩy|bay|tám|tam|chín|chin|ba|linh|lẻ|le|không|khong|trăm|tram|nghìn|nghin|ngàn|ngan)\b";

/// `ngày 15 tháng 5 năm 2016` in digits or words, as named groups `d`, `m`, `y`.
pub(super) fn date_in_words_pattern() -> String {
    // Words of one number stay on one line: a year in words must not swallow the next line.
    let words =
        |min: usize, max: usize| format!("{NUMBER_WORD}(?:[ \\t]+{NUMBER_WORD}){{{min},{max}}}");
    format!(
        r"(?i:ngày|ngay)\s*(?:(?i:mồng|mùng|mong|mung)\s+)?(?P<d>\d{{1,2}}\b|{day})\s+(?i:tháng|thang)\s*(?P<m>\d{{1,2}}\b|{month})\s+(?i:năm|nam)\s*(?P<y>\d{{4}}\b|{year})",
        day = words(0, 3),
        month = words(0, 2),
        year = words(1, 8),
    )
}

/// `15/5/2016`, `15-5-2016`, `15.5.2016`, as named groups `d2`, `m2`, `y2`.
pub(super) const DATE_DIGITS: &str =
    r"(?P<d2>\d{1,2})\s*[/.\-]\s*(?P<m2>\d{1,2})\s*[/.\-]\s*(?P<y2>\d{4})";

/// The date a match of a pattern built from [`date_in_words_pattern`] or [`DATE_DIGITS`] names,
/// if it is a real date between 1900 and 2100.
pub(super) fn date_from(caps: &Captures) -> Option<NaiveDate> {
    let pick = |a: &str, b: &str| caps.name(a).or_else(|| caps.name(b)).map(|m| m.as_str());
    let value = |s: &str| s.parse::<u32>().ok().or_else(|| number_in_words(s));
    let day = value(pick("d", "d2")?)?;
    let month = value(pick("m", "m2")?)?;
    let year = i32::try_from(value(pick("y", "y2")?)?).ok()?;
    if !(1900..=2100).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, day)
}

/// A number from 0 to 999 999 written in words: `mười lăm`, `hai mươi mốt`, `hai mốt`,
/// `ba mươi`, `tư`, `một trăm linh năm`, `hai nghìn không trăm hai mươi`. Without diacritics
/// `mười` and `mươi` are both `muoi`: its place tells them apart.
pub(super) fn number_in_words(text: &str) -> Option<u32> {
    let words: Vec<String> = text
        .split_whitespace()
        .map(|w| fold(&w.to_lowercase()))
        .collect();
    if words.is_empty() {
        return None;
    }
    match words.iter().position(|w| w == "nghin" || w == "ngan") {
        Some(i) => {
            let thousands = if i == 0 {
                1
            } else {
                below_thousand(&words[..i])?
            };
            Some(thousands * 1000 + below_thousand(&words[i + 1..])?)
        }
        None => below_thousand(&words),
    }
}

fn below_thousand(words: &[String]) -> Option<u32> {
    match words.iter().position(|w| w == "tram") {
        Some(1) => Some(digit(&words[0])? * 100 + below_hundred(&words[2..])?),
        Some(_) => None,
        None => below_hundred(words),
    }
}

fn below_hundred(words: &[String]) -> Option<u32> {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    match words.as_slice() {
        [] => Some(0),
        ["muoi"] => Some(10),
        [unit] => digit(unit),
        ["linh" | "le", unit] => digit(unit),
        ["muoi", unit] => Some(10 + unit_after_ten(unit)?),
        [tens, "muoi"] => Some(tens_digit(tens)? * 10),
        [tens, "muoi", unit] => Some(tens_digit(tens)? * 10 + unit_after_ten(unit)?),
        // Spoken short form: `hai mốt` is 21, `ba lăm` 35.
        [tens, unit] => Some(tens_digit(tens)? * 10 + unit_after_ten(unit)?),
        _ => None,
    }
}

/// 0 to 9 standing alone (`tư` as in `tháng tư`).
fn digit(word: &str) -> Option<u32> {
    Some(match word {
        "khong" => 0,
        "mot" => 1,
        "hai" => 2,
        "ba" => 3,
        "bon" | "tu" => 4,
        "nam" => 5,
        "sau" => 6,
        "bay" => 7,
        "tam" => 8,
        "chin" => 9,
        _ => return None,
    })
}

/// The units after ten or tens: `mốt` (1), `lăm`/`nhăm` (5) besides the plain digits.
fn unit_after_ten(word: &str) -> Option<u32> {
    match word {
        "lam" | "nham" => Some(5),
        "khong" => None,
        _ => digit(word),
    }
}

fn tens_digit(word: &str) -> Option<u32> {
    digit(word).filter(|d| *d >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn numbers_in_words() {
        for (text, n) in [
            ("một", 1),
            ("ba", 3),
            ("tư", 4),
            ("bốn", 4),
            ("năm", 5),
            ("bảy", 7),
            ("bẩy", 7),
            ("mười", 10),
            ("mười một", 11),
            ("mười lăm", 15),
            ("mười năm", 15),
            ("muoi lam", 15),
            ("hai mươi", 20),
            ("hai mươi mốt", 21),
            ("hai muoi mot", 21),
            ("hai mốt", 21),
            ("hai mươi tư", 24),
            ("hai lăm", 25),
            ("ba mươi", 30),
            ("ba mươi mốt", 31),
            ("Mười Hai", 12),
            ("một trăm linh năm", 105),
            ("hai nghìn không trăm hai mươi", 2020),
            ("hai nghìn không trăm mười chín", 2019),
            ("hai ngàn lẻ năm", 2005),
            ("một nghìn chín trăm chín mươi tám", 1998),
        ] {
            assert_eq!(number_in_words(text), Some(n), "{text}");
        }
        for text in [
            "",
            "lăm",
            "mốt mươi",
            "một mươi",
            "trăm",
            "hai ba bốn",
            "tháng",
        ] {
            assert_eq!(number_in_words(text), None, "{text}");
        }
    }

    fn parse(text: &str) -> Option<NaiveDate> {
        let pattern = Regex::new(&date_in_words_pattern()).unwrap();
        pattern.captures(text).and_then(|caps| date_from(&caps))
    }

    #[test]
    fn dates_in_words_and_digits() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        for (text, expected) in [
            ("ngày 15 tháng 5 năm 2016", date(2016, 5, 15)),
            ("ngày mười lăm tháng năm năm 2019", date(2019, 5, 15)),
            ("ngày mười tháng hai năm 2023", date(2023, 2, 10)),
            (
                "ngày hai mươi mốt tháng mười hai năm 2021",
                date(2021, 12, 21),
            ),
            ("ngày hai mốt tháng mười một năm 2021", date(2021, 11, 21)),
            ("ngày 15 tháng năm năm 2019", date(2019, 5, 15)),
            ("ngày 15 tháng Năm năm 2019", date(2019, 5, 15)),
            ("ngày mồng ba tháng tư năm 2020", date(2020, 4, 3)),
            ("ngày mùng 3 tháng 4 năm 2020", date(2020, 4, 3)),
            ("ngày ba mươi mốt tháng mười năm 2022", date(2022, 10, 31)),
            ("ngày mười tháng mười năm 2010", date(2010, 10, 10)),
            ("Ngày Bảy Tháng Một Năm 2024", date(2024, 1, 7)),
            (
                "ngày hai mươi tháng mười một năm hai nghìn không trăm hai mươi",
                date(2020, 11, 20),
            ),
            ("ngay muoi lam thang nam nam 2019", date(2019, 5, 15)),
            ("ngay 3 thang tu nam 2020", date(2020, 4, 3)),
            ("ngày ba mươi tháng hai năm 2020", None),
            ("ngày 15 tháng mười ba năm 2020", None),
        ] {
            assert_eq!(parse(text), expected, "{text}");
        }
    }

    #[test]
    fn a_year_in_words_stops_at_the_line_end() {
        assert_eq!(
            parse("ngày một tháng một năm hai nghìn không trăm hai mươi\nhai bản"),
            NaiveDate::from_ymd_opt(2020, 1, 1)
        );
    }
}
