//! Whether a word is a well-formed Vietnamese syllable: an onset, a rhyme (with its medial
//! glide) and at most one tone, with the spelling rules of the written language (`k`/`gh`/`ngh`
//! only before `i e ê y`, a stop ending takes only sắc or nặng). Legacy repair uses it to tell
//! which decoding of a block reads as Vietnamese; it accepts any well-formed syllable, common or
//! not, and knows no word list.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::letters::split_tone;

/// Written onsets, longest first so that `ngh` is tried before `ng` and `n`.
pub(crate) const ONSETS: [&str; 27] = [
    "ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu", "th", "tr", "b", "c", "d", "đ", "g",
    "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
];

/// Written rhymes without tone, medial glide included.
const RHYMES: &[&str] = &[
    "a", "ai", "ao", "au", "ay", "ac", "ach", "am", "an", "ang", "anh", "ap", "at", //
    "ăc", "ăm", "ăn", "ăng", "ăp", "ăt", //
    "âc", "âm", "ân", "âng", "âp", "ât", "âu", "ây", //
    "e", "eo", "ec", "em", "en", "eng", "ep", "et", //
    "ê", "êu", "êch", "êm", "ên", "ênh", "êp", "êt", //
    "i", "ia", "iu", "ich", "im", "in", "inh", "ip", "it", //
    "iêc", "iêm", "iên", "iêng", "iêp", "iêt", "iêu", //
    "o", "oi", "oc", "om", "on", "ong", "op", "ot", "ooc", "oong", //
    "ô", "ôi", "ôc", "ôm", "ôn", "ông", "ôp", "ôt", //
    "ơ", "ơi", "ơm", "ơn", "ơp", "ơt", //
    "u", "ua", "ui", "uc", "um", "un", "ung", "up", "ut", //
    "uôc", "uôi", "uôm", "uôn", "uông", "uôt", //
    "ư", "ưa", "ưi", "ưu", "ưc", "ưng", "ưt", "ưm", //
    "ươc", "ươi", "ươm", "ươn", "ương", "ươp", "ươt", "ươu", //
    "y", "yêm", "yên", "yêt", "yêu", //
    "oa", "oai", "oao", "oay", "oac", "oach", "oam", "oan", "oang", "oanh", "oap", "oat", //
    "oăc", "oăm", "oăn", "oăng", "oăt", //
    "oe", "oeo", "oen", "oet", "oem", //
    "uê", "uêch", "uênh", "uân", "uât", "uâng", "uây", "uơ", //
    "uy", "uya", "uych", "uyên", "uyêt", "uynh", "uyt", "uyu", "uyn", "uyp",
];

static RHYME_SET: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| RHYMES.iter().copied().collect());

/// Whether `word` (any case; `Ð` read as `Đ`) is one well-formed Vietnamese syllable.
pub fn is_syllable(word: &str) -> bool {
    let mut plain = String::with_capacity(word.len());
    let mut tone = 0;
    for c in word.chars() {
        let c = match c {
            'Ð' | 'ð' => 'đ',
            c => c.to_lowercase().next().unwrap_or(c),
        };
        match split_tone(c) {
            Some((base, t)) => {
                if t > 0 {
                    if tone > 0 {
                        return false;
                    }
                    tone = t;
                }
                plain.push(base);
            }
            None if c.is_ascii_lowercase() || c == 'đ' => plain.push(c),
            None => return false,
        }
    }
    if plain.is_empty() {
        return false;
    }
    // `gì`, `gìn`: `gi` is an onset before a vowel and a syllable of its own.
    if plain == "gi" {
        return true;
    }
    let stop = plain.ends_with('c')
        || plain.ends_with("ch")
        || plain.ends_with('p')
        || plain.ends_with('t');
    if stop && !matches!(tone, 2 | 5) {
        return false;
    }
    std::iter::once("")
        .chain(ONSETS)
        .filter_map(|onset| Some((onset, plain.strip_prefix(onset)?)))
        .any(|(onset, rhyme)| rhyme_fits(onset, rhyme))
}

fn rhyme_fits(onset: &str, rhyme: &str) -> bool {
    let Some(first) = rhyme.chars().next() else {
        return false;
    };
    let front = matches!(first, 'i' | 'e' | 'ê' | 'y');
    let known = RHYME_SET.contains(rhyme);
    let with = |glide: char| RHYME_SET.contains(format!("{glide}{rhyme}").as_str());
    match onset {
        // `qu` carries the glide: `quốc`, `quyết`, `quỳnh` (`uynh`), never `quu`.
        "qu" => !matches!(first, 'u' | 'o') && (known || with('u')),
        // `giêng`, `giữ`, `gia`: the `i` of `gi` may stand for the rhyme's own.
        "gi" => first != 'i' && (known || with('i')),
        "k" => front && known,
        "gh" | "ngh" => matches!(first, 'i' | 'e' | 'ê') && known,
        "c" | "ng" => !front && known,
        "g" => (!front || first == 'i') && known,
        _ => known,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_syllables_are_accepted() {
        for w in [
            "Việt",
            "Nam",
            "nghiêng",
            "người",
            "quyết",
            "định",
            "quỳnh",
            "khuya",
            "giữ",
            "gì",
            "giếng",
            "gìn",
            "ĐẢNG",
            "Đảng",
            "hòa",
            "hoà",
            "thuở",
            "khuâng",
            "xoong",
            "oanh",
            "uyên",
            "ở",
            "ý",
            "yêu",
            "kế",
            "kỹ",
            "ghế",
            "nghỉ",
            "trưởng",
            "được",
            "Ðiều",
            "chính",
            "của",
            "uống",
            "ươm",
            "lưu",
            "gửi",
            "bước",
            "khoẻ",
            "quá",
            "tư",
            "như",
            "a",
            "ơi",
        ] {
            assert!(is_syllable(w), "{w}");
        }
    }

    #[test]
    fn malformed_words_are_refused() {
        for w in [
            "",
            "QuyÕt",
            "viÖt",
            "trởng",
            "nớc",
            "Sè1",
            "hèc",
            "kan",
            "ca\u{301}",
            "ge",
            "nge",
            "ngha",
            "qa",
            "and",
            "tt",
            "nh",
            "t",
            "Þnh",
            "cộngg",
            "hoaø",
            "ắa",
            "Frankỗis",
            "nhưng-",
            "x·",
        ] {
            assert!(!is_syllable(w), "{w}");
        }
    }
}
