//! Party Central Committee terms (khóa): which term was in office on a date, and the Roman
//! numerals terms are written in (`khóa XIII`).
//!
//! Party numbers run from 01 within a term, not a year, so the term is what tells `27-NQ/TW` of
//! 2008 (khóa X) from `27-NQ/TW` of 2022 (khóa XIII).

use chrono::NaiveDate;

/// Opening day of each National Congress, which elects the Central Committee of that term.
const CONGRESSES: [(u8, i32, u32, u32); 14] = [
    (1, 1935, 3, 27),
    (2, 1951, 2, 11),
    (3, 1960, 9, 5),
    (4, 1976, 12, 14),
    (5, 1982, 3, 27),
    (6, 1986, 12, 15),
    (7, 1991, 6, 24),
    (8, 1996, 6, 28),
    (9, 2001, 4, 19),
    (10, 2006, 4, 18),
    (11, 2011, 1, 12),
    (12, 2016, 1, 20),
    (13, 2021, 1, 25),
    (14, 2026, 1, 19),
];

/// The term of the Party Central Committee in office on `date` (13 for 2022-11-09); `None`
/// before the First Congress.
pub fn central_committee_term(date: NaiveDate) -> Option<u8> {
    CONGRESSES
        .iter()
        .rev()
        .find(|(_, y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d).is_some_and(|start| date >= start))
        .map(|(term, ..)| *term)
}

/// The day the National Congress opening `term` met (2021-01-25 for 13).
pub fn congress_date(term: u8) -> Option<NaiveDate> {
    CONGRESSES
        .iter()
        .find(|(t, ..)| *t == term)
        .and_then(|(_, y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d))
}

const NUMERALS: [(u8, &str); 9] = [
    (90, "XC"),
    (50, "L"),
    (40, "XL"),
    (10, "X"),
    (9, "IX"),
    (5, "V"),
    (4, "IV"),
    (1, "I"),
    (0, ""),
];

/// `13` → `XIII`; terms stay below 100 (`None` for 0 and from 100).
pub fn roman_numeral(n: u8) -> Option<String> {
    if n == 0 || n >= 100 {
        return None;
    }
    let mut rest = n;
    let mut out = String::new();
    for (value, letters) in NUMERALS.iter().filter(|(v, _)| *v > 0) {
        while rest >= *value {
            out.push_str(letters);
            rest -= value;
        }
    }
    Some(out)
}

/// `XIII`, `xiii` → 13. Only well-formed numerals below 100 (`IIII`, `VX` are not terms).
pub fn parse_roman(s: &str) -> Option<u8> {
    let upper = s.trim().to_ascii_uppercase();
    if upper.is_empty()
        || !upper
            .chars()
            .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
    {
        return None;
    }
    let value = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        _ => 100,
    };
    let digits: Vec<i64> = upper.chars().map(value).collect();
    let mut total = 0i64;
    for (i, d) in digits.iter().enumerate() {
        match digits.get(i + 1) {
            Some(next) if next > d => total -= d,
            _ => total += d,
        }
    }
    // Round-trip through the canonical form: rejects `IIII`, `VX`, `IC`.
    let n = u8::try_from(total).ok()?;
    (roman_numeral(n)? == upper).then_some(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    #[test]
    fn terms_by_date() {
        assert_eq!(central_committee_term(day(2008, 8, 6)), Some(10));
        assert_eq!(central_committee_term(day(2022, 11, 9)), Some(13));
        assert_eq!(central_committee_term(day(2016, 5, 15)), Some(12));
        assert_eq!(central_committee_term(day(2021, 1, 24)), Some(12));
        assert_eq!(central_committee_term(day(2021, 1, 25)), Some(13));
        assert_eq!(central_committee_term(day(2026, 1, 19)), Some(14));
        assert_eq!(central_committee_term(day(1935, 3, 27)), Some(1));
        assert_eq!(central_committee_term(day(1930, 2, 3)), None);
        assert_eq!(central_committee_term(day(1990, 1, 1)), Some(6));
    }

    #[test]
    fn congress_dates() {
        assert_eq!(congress_date(13), Some(day(2021, 1, 25)));
        assert_eq!(congress_date(15), None);
    }

    #[test]
    fn roman_numerals_both_ways() {
        for (n, r) in [
            (1, "I"),
            (4, "IV"),
            (9, "IX"),
            (10, "X"),
            (13, "XIII"),
            (14, "XIV"),
            (19, "XIX"),
            (23, "XXIII"),
            (40, "XL"),
            (49, "XLIX"),
            (99, "XCIX"),
        ] {
            assert_eq!(roman_numeral(n).as_deref(), Some(r), "{n}");
            assert_eq!(parse_roman(r), Some(n), "{r}");
        }
        assert_eq!(parse_roman("xiii"), Some(13));
        for bad in ["", "IIII", "VX", "IC", "ABC", "XIIII", "C"] {
            assert_eq!(parse_roman(bad), None, "{bad}");
        }
        assert_eq!(roman_numeral(0), None);
    }
}
