//! Diacritic accuracy of legacy-encoded files (`vankien eval-legacy`): every file of the data
//! folder goes through the real extraction ([`crate::extract::extract`], legacy repair
//! included) and is compared with its hand-made transcript `truth/<stem>.txt`.
//!
//! **Score.** Of the transcript's letters that carry a mark (tone, shape or `đ`), the share
//! the extraction recovered exactly. Both texts are normalized as the product stores text (NFC,
//! one tone placement: `hoà` and `hòa` are the same word), lowercased, and cut into words at
//! every character that is not a letter or digit, so spacing and punctuation do not count.
//! The column `nfc` repeats the score without the tone-placement step.
//!
//! **Alignment.** The two word sequences are aligned on their *folded* forms (marks removed),
//! so a word whose marks were decoded wrongly still lines up with its transcript word: unique
//! common words anchor the alignment (patience diff), the stretches between anchors are aligned
//! by longest common subsequence (or again by their own unique words when too long). In each
//! aligned pair of words the marked letters are compared position by position. What is left
//! unaligned on both sides is aligned once more the same way, so text the extractor put in
//! another place (a text box, a header read after the body) still counts; marked letters of
//! transcript words left unaligned after that (lost, split or merged) count as missed.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

use super::BenchError;
use crate::extract::{self, ExtractConfig};
use crate::vietnamese::{self, legacy};

/// Goal for PDF and DOCX files.
pub const GOAL_PDF_DOCX: f64 = 0.98;
/// Goal for `.doc` and `.rtf` files (a converter sits between the file and the text).
pub const GOAL_DOC_RTF: f64 = 0.95;

/// The two groups the goals are set for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub enum Group {
    #[serde(rename = "pdf+docx")]
    PdfDocx,
    #[serde(rename = "doc+rtf")]
    DocRtf,
}

impl Group {
    fn of(path: &Path) -> Option<Group> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "pdf" | "docx" => Some(Group::PdfDocx),
            "doc" | "rtf" => Some(Group::DocRtf),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Group::PdfDocx => "PDF+DOCX",
            Group::DocRtf => "DOC+RTF",
        }
    }

    fn goal(self) -> f64 {
        match self {
            Group::PdfDocx => GOAL_PDF_DOCX,
            Group::DocRtf => GOAL_DOC_RTF,
        }
    }
}

/// One file's result.
#[derive(Debug, Clone, serde::Serialize)]
pub struct FileScore {
    pub file: String,
    pub group: Group,
    /// The extractor and repair recorded (`pdftotext+tcvn3`), or the error.
    pub method: String,
    /// Blocks read as TCVN3 / VNI / Unicode by the repair.
    pub blocks: [usize; 3],
    pub marked_letters: usize,
    pub recovered: usize,
    pub accuracy: f64,
    /// The same without the tone-placement step (NFC only).
    pub accuracy_nfc: f64,
    pub seconds: f64,
}

/// A group's mean and whether it meets its goal.
#[derive(Debug, Clone, serde::Serialize)]
pub struct GroupScore {
    pub group: Group,
    pub files: usize,
    pub mean_accuracy: f64,
    pub goal: f64,
    pub met: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct Report {
    pub files: Vec<FileScore>,
    pub groups: Vec<GroupScore>,
    pub seconds: f64,
}

impl Report {
    /// Every group with files meets its goal.
    pub fn goals_met(&self) -> bool {
        self.groups.iter().all(|g| g.met)
    }
}

/// Extract every file under `data` (its `truth/` folder excepted) that has a transcript, and
/// score it.
/// Where the text of each file comes from.
#[derive(Debug, Clone, Copy)]
pub enum Source<'a> {
    /// The product's own extraction.
    Extract(&'a ExtractConfig),
    /// `<dir>/<stem>.txt` written by another converter (UTF-8, else read as Latin-1), put
    /// through the same legacy repair: to compare converters for `.doc` and `.rtf`. Files
    /// without such a text are skipped.
    Converted(&'a Path),
}

/// With `dump`, the extracted text of each file is written there as `<stem>.txt`.
pub fn evaluate(data: &Path, source: Source, dump: Option<&Path>) -> Result<Report, BenchError> {
    let started = Instant::now();
    let truth_dir = data.join("truth");
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(data)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && !e.path().starts_with(&truth_dir))
        .map(|e| e.into_path())
        .filter(|p| Group::of(p).is_some())
        .collect();
    files.sort_by(|a, b| a.file_name().cmp(&b.file_name()));
    let mut scores = Vec::new();
    for path in files {
        let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
            continue;
        };
        let truth_path = truth_dir.join(format!("{stem}.txt"));
        if !truth_path.exists() {
            continue;
        }
        let truth = read(&truth_path)?;
        let truth = String::from_utf8_lossy(&truth);
        let file_started = Instant::now();
        let (method, blocks, text) = match source {
            Source::Extract(config) => {
                let bytes = read(&path)?;
                match extract::extract(&path, &bytes, config) {
                    Ok(extracted) => {
                        let r = &extracted.legacy;
                        (
                            extracted.method.clone(),
                            [r.tcvn3_blocks, r.vni_blocks, r.unicode_blocks],
                            extracted.full_text(),
                        )
                    }
                    Err(e) => (format!("lỗi: {e}"), [0; 3], String::new()),
                }
            }
            Source::Converted(dir) => {
                let converted = dir.join(format!("{stem}.txt"));
                if !converted.exists() {
                    continue;
                }
                let bytes = read(&converted)?;
                let raw = match String::from_utf8(bytes) {
                    Ok(text) => text,
                    Err(e) => e.into_bytes().iter().map(|b| char::from(*b)).collect(),
                };
                let repaired = legacy::repair_pages(&[raw], &[]);
                let r = &repaired.report;
                (
                    format!("text{}", r.method_suffix()),
                    [r.tcvn3_blocks, r.vni_blocks, r.unicode_blocks],
                    vietnamese::normalize(&repaired.pages[0]),
                )
            }
        };
        let seconds = file_started.elapsed().as_secs_f64();
        if let Some(dir) = dump {
            let out = dir.join(format!("{stem}.txt"));
            std::fs::create_dir_all(dir)
                .and_then(|_| std::fs::write(&out, &text))
                .map_err(|source| BenchError::Io { path: out, source })?;
        }
        let exact = diacritic_accuracy(&truth, &text, true);
        let nfc = diacritic_accuracy(&truth, &text, false);
        scores.push(FileScore {
            file: path
                .strip_prefix(data)
                .unwrap_or(&path)
                .display()
                .to_string(),
            group: Group::of(&path).unwrap_or(Group::PdfDocx),
            method,
            blocks,
            marked_letters: exact.marked,
            recovered: exact.recovered,
            accuracy: exact.share(),
            accuracy_nfc: nfc.share(),
            seconds,
        });
    }
    let groups = [Group::PdfDocx, Group::DocRtf]
        .into_iter()
        .filter_map(|group| {
            let of: Vec<&FileScore> = scores.iter().filter(|s| s.group == group).collect();
            if of.is_empty() {
                return None;
            }
            let mean = of.iter().map(|s| s.accuracy).sum::<f64>() / of.len() as f64;
            Some(GroupScore {
                group,
                files: of.len(),
                mean_accuracy: mean,
                goal: group.goal(),
                met: mean >= group.goal(),
            })
        })
        .collect();
    Ok(Report {
        files: scores,
        groups,
        seconds: started.elapsed().as_secs_f64(),
    })
}

fn read(path: &Path) -> Result<Vec<u8>, BenchError> {
    std::fs::read(path).map_err(|source| BenchError::Io {
        path: path.to_path_buf(),
        source,
    })
}

/// Marked letters of a transcript and how many of them a text recovered.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Accuracy {
    pub marked: usize,
    pub recovered: usize,
}

impl Accuracy {
    pub fn share(self) -> f64 {
        if self.marked == 0 {
            1.0
        } else {
            self.recovered as f64 / self.marked as f64
        }
    }
}

/// Score `text` against `truth` (see the module documentation); `tone_placement` applies the
/// product's one tone placement to both sides, else NFC only.
pub fn diacritic_accuracy(truth: &str, text: &str, tone_placement: bool) -> Accuracy {
    let prepare = |s: &str| -> Vec<Vec<char>> {
        let s = if tone_placement {
            vietnamese::normalize(s)
        } else {
            use unicode_normalization::UnicodeNormalization;
            s.nfc().collect::<String>().replace('Ð', "Đ")
        };
        s.to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().collect())
            .collect()
    };
    let truth = prepare(truth);
    let text = prepare(text);
    let fold = |w: &Vec<char>| -> String { w.iter().map(|c| vietnamese::fold_char(*c)).collect() };
    let truth_folded: Vec<String> = truth.iter().map(fold).collect();
    let text_folded: Vec<String> = text.iter().map(fold).collect();
    let mut pairs = align(&truth_folded, &text_folded);
    // Text the extractor placed elsewhere (a text box, a column read in another order) is
    // matched in a second pass over what the first left unaligned.
    let (left_truth, left_text) = unaligned(&pairs, truth.len(), text.len());
    let moved = align(
        &left_truth
            .iter()
            .map(|&i| truth_folded[i].clone())
            .collect::<Vec<_>>(),
        &left_text
            .iter()
            .map(|&j| text_folded[j].clone())
            .collect::<Vec<_>>(),
    );
    pairs.extend(
        moved
            .into_iter()
            .map(|(i, j)| (left_truth[i], left_text[j])),
    );
    let mut accuracy = Accuracy::default();
    for word in &truth {
        accuracy.marked += word
            .iter()
            .filter(|c| vietnamese::fold_char(**c) != **c)
            .count();
    }
    for (i, j) in pairs {
        accuracy.recovered += truth[i]
            .iter()
            .zip(&text[j])
            .filter(|(t, o)| vietnamese::fold_char(**t) != **t && t == o)
            .count();
    }
    accuracy
}

/// The indices of each side that no pair uses.
fn unaligned(pairs: &[(usize, usize)], a: usize, b: usize) -> (Vec<usize>, Vec<usize>) {
    let mut used_a = vec![false; a];
    let mut used_b = vec![false; b];
    for &(i, j) in pairs {
        used_a[i] = true;
        used_b[j] = true;
    }
    let free = |used: Vec<bool>| {
        used.iter()
            .enumerate()
            .filter(|(_, u)| !**u)
            .map(|(i, _)| i)
            .collect()
    };
    (free(used_a), free(used_b))
}

/// Largest stretch aligned by plain LCS (cells of the table).
const LCS_CELLS: usize = 4_000_000;

/// Pairs (i, j) of equal items, increasing in both, approximately a longest common subsequence.
fn align(a: &[String], b: &[String]) -> Vec<(usize, usize)> {
    let mut pairs = Vec::new();
    align_range(a, b, 0..a.len(), 0..b.len(), &mut pairs);
    pairs.sort_unstable();
    pairs
}

fn align_range(
    a: &[String],
    b: &[String],
    ra: std::ops::Range<usize>,
    rb: std::ops::Range<usize>,
    pairs: &mut Vec<(usize, usize)>,
) {
    let (mut a0, mut a1, mut b0, mut b1) = (ra.start, ra.end, rb.start, rb.end);
    // Common head and tail.
    while a0 < a1 && b0 < b1 && a[a0] == b[b0] {
        pairs.push((a0, b0));
        a0 += 1;
        b0 += 1;
    }
    while a0 < a1 && b0 < b1 && a[a1 - 1] == b[b1 - 1] {
        pairs.push((a1 - 1, b1 - 1));
        a1 -= 1;
        b1 -= 1;
    }
    if a0 == a1 || b0 == b1 {
        return;
    }
    if (a1 - a0) * (b1 - b0) <= LCS_CELLS {
        lcs(a, b, a0..a1, b0..b1, pairs);
        return;
    }
    // Words that occur once on each side anchor the alignment (patience diff).
    let mut seen: HashMap<&str, (usize, usize, usize, usize)> = HashMap::new();
    for (i, word) in a.iter().enumerate().take(a1).skip(a0) {
        let e = seen.entry(word).or_insert((0, 0, i, 0));
        e.0 += 1;
    }
    for (j, word) in b.iter().enumerate().take(b1).skip(b0) {
        if let Some(e) = seen.get_mut(word.as_str()) {
            e.1 += 1;
            e.3 = j;
        }
    }
    let mut anchors: Vec<(usize, usize)> = seen
        .values()
        .filter(|(ca, cb, _, _)| *ca == 1 && *cb == 1)
        .map(|(_, _, i, j)| (*i, *j))
        .collect();
    anchors.sort_unstable();
    let anchors = longest_increasing(&anchors);
    if anchors.is_empty() {
        // Nothing to hold on to: align the start of the stretch only, within budget.
        let side = (LCS_CELLS as f64).sqrt() as usize;
        lcs(a, b, a0..a1.min(a0 + side), b0..b1.min(b0 + side), pairs);
        return;
    }
    let (mut pa, mut pb) = (a0, b0);
    for (i, j) in anchors {
        align_range(a, b, pa..i, pb..j, pairs);
        pairs.push((i, j));
        pa = i + 1;
        pb = j + 1;
    }
    align_range(a, b, pa..a1, pb..b1, pairs);
}

/// The longest chain of anchors increasing in the second coordinate (the first already is).
fn longest_increasing(anchors: &[(usize, usize)]) -> Vec<(usize, usize)> {
    // tails[k]: index of the smallest last element of an increasing chain of length k + 1.
    let mut tails: Vec<usize> = Vec::new();
    let mut previous: Vec<Option<usize>> = vec![None; anchors.len()];
    for (n, &(_, j)) in anchors.iter().enumerate() {
        let k = tails.partition_point(|&t| anchors[t].1 < j);
        previous[n] = k.checked_sub(1).map(|p| tails[p]);
        if k == tails.len() {
            tails.push(n);
        } else {
            tails[k] = n;
        }
    }
    let mut chain = Vec::with_capacity(tails.len());
    let mut at = tails.last().copied();
    while let Some(n) = at {
        chain.push(anchors[n]);
        at = previous[n];
    }
    chain.reverse();
    chain
}

/// Exact longest common subsequence of two stretches.
fn lcs(
    a: &[String],
    b: &[String],
    ra: std::ops::Range<usize>,
    rb: std::ops::Range<usize>,
    pairs: &mut Vec<(usize, usize)>,
) {
    let (n, m) = (ra.len(), rb.len());
    if n == 0 || m == 0 {
        return;
    }
    let width = m + 1;
    let mut table = vec![0u32; (n + 1) * width];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            table[i * width + j] = if a[ra.start + i] == b[rb.start + j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[ra.start + i] == b[rb.start + j] {
            pairs.push((ra.start + i, rb.start + j));
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            i += 1;
        } else {
            j += 1;
        }
    }
}

/// The report as the table the documentation quotes.
pub fn table(report: &Report) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "{:<52} {:<24} {:>14} {:>7} {:>7} {:>7} {:>6}\n",
        "file", "method", "tcvn3/vni/uni", "marked", "acc", "nfc", "s"
    ));
    for f in &report.files {
        out.push_str(&format!(
            "{:<52} {:<24} {:>14} {:>7} {:>7.4} {:>7.4} {:>6.2}\n",
            truncate(&f.file, 52),
            truncate(&f.method, 24),
            format!("{}/{}/{}", f.blocks[0], f.blocks[1], f.blocks[2]),
            f.marked_letters,
            f.accuracy,
            f.accuracy_nfc,
            f.seconds
        ));
    }
    out.push('\n');
    for g in &report.groups {
        out.push_str(&format!(
            "{:<9} {:>2} tệp  độ chính xác dấu trung bình {:.4}  mục tiêu ≥ {:.2}  {}\n",
            g.group.name(),
            g.files,
            g.mean_accuracy,
            g.goal,
            if g.met { "ĐẠT" } else { "CHƯA ĐẠT" }
        ));
    }
    out.push_str(&format!("thời gian: {:.1} s\n", report.seconds));
    out
}

fn truncate(s: &str, width: usize) -> String {
    if s.chars().count() <= width {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(width - 1).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_marked_letters_recovered() {
        let truth = "Quyết định của Thủ tướng";
        assert_eq!(
            diacritic_accuracy(truth, truth, true),
            Accuracy {
                marked: 7,
                recovered: 7
            }
        );
        // `tướng` lost its horns (two marked letters missed) and still lines up; case, spaces
        // and punctuation do not count.
        let got = diacritic_accuracy(truth, "QUYẾT  định, của Thủ tuóng", true);
        assert_eq!(got.marked, 7);
        assert_eq!(got.recovered, 5);
        // A lost word counts as missed; an extra word costs nothing.
        let got = diacritic_accuracy(truth, "Trang 1 Quyết của Thủ tướng", true);
        assert_eq!(got.recovered, 5);
        // Moved text is found again.
        let got = diacritic_accuracy(truth, "của Thủ tướng. Quyết định", true);
        assert_eq!(got.recovered, 7);
    }

    #[test]
    fn tone_placement_is_one_word() {
        assert_eq!(
            diacritic_accuracy("hoà bình", "hòa bình", true).share(),
            1.0
        );
        assert!(diacritic_accuracy("hoà bình", "hòa bình", false).share() < 1.0);
    }

    #[test]
    fn long_texts_align_on_unique_words() {
        let words: Vec<String> = (0..5000).map(|i| format!("điều{i} khoản")).collect();
        let truth = words.join(" ");
        let mut moved = words.clone();
        moved.swap(10, 4000);
        let text = moved.join(" ");
        let got = diacritic_accuracy(&truth, &text, true);
        assert_eq!(got.marked, 15_000);
        assert!(got.recovered >= 14_990, "{got:?}");
    }
}
