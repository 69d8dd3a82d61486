//! Syllable tokenizers for tantivy. Vietnamese writes one syllable per space-separated word, so a
//! syllable is a run of letters and digits; the exact analyzer keeps the marks, the folded one
//! strips them for queries typed without diacritics.
//!
//! tantivy does not persist custom tokenizers: [`register_analyzers`] must run every time an
//! index is opened or created.

use tantivy::tokenizer::{Token, TokenStream, Tokenizer, TokenizerManager};

use super::letters::{classify, fold_char};

/// Lowercased syllables with their marks (`Chỉ thị` → `chỉ`, `thị`).
pub const EXACT_ANALYZER: &str = "vi_exact";
/// Lowercased syllables without marks (`Chỉ thị` → `chi`, `thi`).
pub const FOLDED_ANALYZER: &str = "vi_folded";
/// Adjacent syllable pairs with marks (`người lao động` → `người lao`, `lao động`).
pub const EXACT_PAIRS_ANALYZER: &str = "vi_pairs";
/// Adjacent syllable pairs without marks.
pub const FOLDED_PAIRS_ANALYZER: &str = "vi_pairs_folded";

/// Register the Vietnamese analyzers on an index's tokenizer manager.
pub fn register_analyzers(manager: &TokenizerManager) {
    manager.register(EXACT_ANALYZER, SyllableTokenizer { fold: false });
    manager.register(FOLDED_ANALYZER, SyllableTokenizer { fold: true });
    manager.register(EXACT_PAIRS_ANALYZER, PairTokenizer { fold: false });
    manager.register(FOLDED_PAIRS_ANALYZER, PairTokenizer { fold: true });
}

/// Splits on anything that is not a letter or digit, lowercases, optionally folds marks.
/// Input is expected in NFC (see [`super::normalize`]); decomposed marks would split syllables.
#[derive(Clone)]
pub struct SyllableTokenizer {
    fold: bool,
}

impl SyllableTokenizer {
    /// The syllables of a text as this analyzer indexes them.
    pub fn syllables(&self, text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        each_syllable(text, self.fold, |from, to, word| {
            tokens.push(Token {
                offset_from: from,
                offset_to: to,
                position: tokens.len(),
                text: word.to_string(),
                position_length: 1,
            });
        });
        tokens
    }
}

/// Calls `visit(from, to, syllable)` for every syllable of `text` (a run of letters and digits),
/// lowercased and, with `fold`, without marks. One buffer serves every syllable: this is the
/// hot loop of indexing and of snippets, so it allocates nothing per syllable and takes the
/// ASCII fast path for unaccented letters.
pub fn each_syllable(text: &str, fold: bool, mut visit: impl FnMut(usize, usize, &str)) {
    let mut word = String::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let known = classify(c);
        let alphanumeric = known.map_or_else(|| c.is_alphanumeric(), |k| k.0);
        if alphanumeric {
            if start.is_none() {
                start = Some(i);
                word.clear();
            }
            match known {
                Some((_, lower, folded)) => word.push(if fold { folded } else { lower }),
                None => {
                    for lower in c.to_lowercase() {
                        word.push(if fold { fold_char(lower) } else { lower });
                    }
                }
            }
        } else if let Some(s) = start.take() {
            visit(s, i, &word);
        }
    }
    if let Some(s) = start {
        visit(s, text.len(), &word);
    }
}

impl Tokenizer for SyllableTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: self.syllables(text),
            next: 0,
        }
    }
}

/// A token stream over tokens computed up front.
pub struct VecTokenStream {
    tokens: Vec<Token>,
    next: usize,
}

impl TokenStream for VecTokenStream {
    fn advance(&mut self) -> bool {
        self.next += 1;
        self.next <= self.tokens.len()
    }

    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }

    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

/// Adjacent syllable pairs. Most Vietnamese words are two syllables (`lao động`, `cán bộ`), so a
/// pair is the cheapest stand-in for a word dictionary: `lao động` no longer matches every text
/// with `lao` and `động` far apart. Pairs never bridge punctuation, which ends a phrase.
#[derive(Clone)]
pub struct PairTokenizer {
    fold: bool,
}

impl PairTokenizer {
    pub fn pairs(&self, text: &str) -> Vec<Token> {
        let mut pairs = Vec::new();
        // The previous syllable: where it starts and ends, its text, its position.
        let mut previous: Option<(usize, usize, String)> = None;
        let mut position = 0;
        each_syllable(text, self.fold, |from, to, word| {
            if let Some((p_from, p_to, p_word)) = &mut previous {
                if text[*p_to..from].trim().is_empty() {
                    pairs.push(Token {
                        offset_from: *p_from,
                        offset_to: to,
                        position: position - 1,
                        text: format!("{p_word} {word}"),
                        position_length: 1,
                    });
                }
                (*p_from, *p_to) = (from, to);
                p_word.clear();
                p_word.push_str(word);
            } else {
                previous = Some((from, to, word.to_string()));
            }
            position += 1;
        });
        pairs
    }
}

impl Tokenizer for PairTokenizer {
    type TokenStream<'a> = VecTokenStream;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecTokenStream {
        VecTokenStream {
            tokens: self.pairs(text),
            next: 0,
        }
    }
}

/// The pairs of a text as the index holds them, with or without marks.
pub fn syllable_pairs(text: &str, fold: bool) -> Vec<Token> {
    PairTokenizer { fold }.pairs(text)
}

/// The folded syllables of a text, as plain strings (for query building and snippets).
pub fn folded_syllables(text: &str) -> Vec<Token> {
    SyllableTokenizer { fold: true }.syllables(text)
}

/// The exact syllables of a text, as plain strings.
pub fn exact_syllables(text: &str) -> Vec<Token> {
    SyllableTokenizer { fold: false }.syllables(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: Vec<Token>) -> Vec<String> {
        tokens.into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn exact_keeps_marks_folded_strips_them() {
        assert_eq!(
            texts(exact_syllables("Chỉ thị 05-CT/TW")),
            ["chỉ", "thị", "05", "ct", "tw"]
        );
        assert_eq!(
            texts(folded_syllables("ĐẢNG bộ, Đường")),
            ["dang", "bo", "duong"]
        );
    }

    #[test]
    fn pairs_do_not_bridge_punctuation() {
        assert_eq!(
            texts(syllable_pairs("Người lao động, cán bộ", false)),
            ["người lao", "lao động", "cán bộ"]
        );
        assert_eq!(
            texts(syllable_pairs("Hà Nội\nngày 5", true)),
            ["ha noi", "noi ngay", "ngay 5"]
        );
    }

    #[test]
    fn offsets_point_at_original_text() {
        let text = "về Đảng bộ";
        let tokens = folded_syllables(text);
        assert_eq!(&text[tokens[1].offset_from..tokens[1].offset_to], "Đảng");
        assert_eq!(tokens[2].position, 2);
    }
}
