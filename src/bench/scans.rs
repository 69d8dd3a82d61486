//! Scanned pages made from a seed, with their true text: the input of the OCR measurement
//! ([`super::ocr`], `vankien ocr-eval`) and of tests that need a scan (`vankien scans`).
//!
//! The text is [`super::corpus`]'s Party and State documents, laid out on A4 at 300 dpi the way
//! they are printed (header block in two columns or stacked, centred title, justified
//! paragraphs with a first-line indent, signature, page numbers at the top from the second
//! page), drawn with DejaVu Serif (Debian `fonts-dejavu-core`, read at run time), then degraded
//! like a scanner and a photocopier degrade paper: uneven background, grey ink, a small skew,
//! blur, speckle and sensor noise, and JPEG compression. Three levels: [`ScanQuality`].
//!
//! Each page is written as a JPEG (the artifacts are in the file, as with real scanners), and
//! the same pixels as an image-only PDF (the JPEGs embedded as they are, each page exactly the
//! image at 300 dpi, so `pdftoppm -r 300` gives back an image of the same size, which poppler
//! resamples slightly on the way: about 4 grey levels of mean difference) and, on request, as
//! one multi-page grayscale TIFF (Deflate) of the decoded JPEGs. The truth of each page is the
//! text as laid out, one printed line per line, two header columns read column by column.

use std::fs::File;
use std::io::{BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use ab_glyph::{Font, FontVec, GlyphId, PxScale, ScaleFont};

use super::corpus;
use crate::vietnamese;

/// Pixels per inch of every generated page.
pub const DPI: u32 = 300;
/// A4 at 300 dpi.
pub const WIDTH: usize = 2480;
pub const HEIGHT: usize = 3508;

const FONT_DIR: &str = "/usr/share/fonts/truetype/dejavu";

/// How badly the paper was scanned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ScanQuality {
    /// A flatbed scan of a clean print: no skew, hardly any blur or noise, high JPEG quality.
    Clean,
    /// An office scan of a photocopy: skew under a degree and a half, some blur, speckle and
    /// noise, an uneven background, JPEG quality 70.
    Typical,
    /// An old, yellowed page on a cheap scanner: up to two degrees of skew, more blur, grey ink,
    /// heavy speckle, JPEG quality 40.
    Poor,
}

impl ScanQuality {
    pub fn code(self) -> &'static str {
        match self {
            ScanQuality::Clean => "clean",
            ScanQuality::Typical => "typical",
            ScanQuality::Poor => "poor",
        }
    }

    pub fn from_code(code: &str) -> Option<ScanQuality> {
        [ScanQuality::Clean, ScanQuality::Typical, ScanQuality::Poor]
            .into_iter()
            .find(|q| q.code() == code)
    }

    fn degradation(self) -> Degradation {
        match self {
            ScanQuality::Clean => Degradation {
                skew_degrees: (0.0, 0.3),
                blur_sigma: 0.5,
                noise_sigma: 1.5,
                speckles_per_page: 0,
                pepper_per_page: 0,
                paper: 250.0,
                paper_variation: 2.0,
                ink: 20.0,
                jpeg_quality: 92,
            },
            ScanQuality::Typical => Degradation {
                skew_degrees: (0.5, 1.2),
                blur_sigma: 0.9,
                noise_sigma: 5.0,
                speckles_per_page: 250,
                pepper_per_page: 4000,
                paper: 238.0,
                paper_variation: 12.0,
                ink: 40.0,
                jpeg_quality: 70,
            },
            ScanQuality::Poor => Degradation {
                skew_degrees: (1.2, 2.0),
                blur_sigma: 1.3,
                noise_sigma: 9.0,
                speckles_per_page: 900,
                pepper_per_page: 15000,
                paper: 222.0,
                paper_variation: 22.0,
                ink: 70.0,
                jpeg_quality: 40,
            },
        }
    }
}

/// What a level does to a page.
#[derive(Debug, Clone, Copy)]
struct Degradation {
    /// Magnitude range of the rotation; the sign is drawn per page.
    skew_degrees: (f32, f32),
    blur_sigma: f32,
    /// Standard deviation of per-pixel sensor noise, in grey levels.
    noise_sigma: f32,
    /// Dark dots of 1–3 px radius (dust, toner).
    speckles_per_page: usize,
    /// Single pixels flipped dark or light (salt and pepper).
    pepper_per_page: usize,
    /// Mean paper grey and how far it drifts across the page.
    paper: f32,
    paper_variation: f32,
    /// The grey of full ink coverage.
    ink: f32,
    jpeg_quality: u8,
}

/// Why scans could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(
        "không đọc được phông chữ {path}: {source}; hãy cài gói fonts-dejavu-core (scripts/setup.sh)"
    )]
    Font {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("tệp phông chữ {0} hỏng; hãy cài lại gói fonts-dejavu-core")]
    BadFont(PathBuf),
    #[error("không ghi được {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("không mã hóa được ảnh JPEG: {0}")]
    Jpeg(String),
    #[error("chữ của trang {0} không vừa một trang A4; hãy chia trang đó thành hai")]
    PageTooLong(usize),
}

/// One generated page on disk.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScannedPage {
    /// 1-based, in the order of the PDF and TIFF.
    pub number: usize,
    pub image: PathBuf,
    /// The true text: NFC, one printed line per line.
    pub truth: String,
    pub skew_degrees: f32,
}

/// A set of generated pages and the files that hold them.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ScanSet {
    pub quality: ScanQuality,
    pub seed: u64,
    pub pages: Vec<ScannedPage>,
    /// All pages, image only.
    pub pdf: PathBuf,
    pub tiff: Option<PathBuf>,
}

impl ScanSet {
    /// The truth of every page, in order.
    pub fn truths(&self) -> Vec<String> {
        self.pages.iter().map(|p| p.truth.clone()).collect()
    }
}

/// Generate `pages` scanned pages from `seed` into `dir`: `page-0001.jpg` and
/// `page-0001.txt` (its truth) for each, `scans.pdf`, `scans.tif` when `tiff`, and
/// `scans.json` describing the set.
pub fn generate(
    dir: &Path,
    pages: usize,
    seed: u64,
    quality: ScanQuality,
    tiff: bool,
) -> Result<ScanSet, ScanError> {
    std::fs::create_dir_all(dir).map_err(|source| io(dir, source))?;
    let fonts = Fonts::load()?;
    let layouts = lay_out(&fonts, pages, seed);
    let degradation = quality.degradation();
    let pdf_path = dir.join("scans.pdf");
    let tiff_path = dir.join("scans.tif");
    let mut pdf = PdfWriter::create(&pdf_path, layouts.len())?;
    let mut tiff_writer = if tiff {
        Some(TiffWriter::create(&tiff_path)?)
    } else {
        None
    };
    let mut out = Vec::with_capacity(layouts.len());
    for (i, layout) in layouts.iter().enumerate() {
        let mut rng = Rng::new(seed ^ (0xA5A5_0000 + i as u64).wrapping_mul(0x9E37_79B9));
        let ink = render(&fonts, layout);
        let (gray, skew) = degrade(&ink, &degradation, &mut rng);
        let jpeg = encode_jpeg(&gray, degradation.jpeg_quality)?;
        let number = i + 1;
        let image = dir.join(format!("page-{number:04}.jpg"));
        std::fs::write(&image, &jpeg).map_err(|source| io(&image, source))?;
        let truth = layout.truth();
        let truth_path = dir.join(format!("page-{number:04}.txt"));
        std::fs::write(&truth_path, &truth).map_err(|source| io(&truth_path, source))?;
        pdf.page(&jpeg)?;
        if let Some(t) = tiff_writer.as_mut() {
            // The decoded JPEG, so every container holds the same pixels.
            let decoded = decode_jpeg(&jpeg).unwrap_or(gray);
            t.page(&decoded)?;
        }
        out.push(ScannedPage {
            number,
            image,
            truth,
            skew_degrees: skew,
        });
    }
    pdf.finish()?;
    if let Some(t) = tiff_writer {
        t.finish()?;
    }
    let set = ScanSet {
        quality,
        seed,
        pages: out,
        pdf: pdf_path,
        tiff: tiff.then_some(tiff_path),
    };
    let manifest = dir.join("scans.json");
    let json = serde_json::to_vec_pretty(&set).unwrap_or_default();
    std::fs::write(&manifest, json).map_err(|source| io(&manifest, source))?;
    Ok(set)
}

/// One printed page of a book to scan: its text (blocks separated by blank lines, one source
/// line per line) and the page number printed at its foot, if any.
#[derive(Debug, Clone)]
pub struct BookPage {
    pub text: String,
    pub folio: Option<String>,
}

/// Scan a printed book: each of `pages` laid out on its own A4 page at 300 dpi and degraded
/// like [`generate`]'s pages at `quality`, compressed at `jpeg_quality`, all written as one
/// image-only PDF at `pdf`. A page whose lines are all short (title page, credits) has every
/// line centred, the title page's second block large and its blocks spread down the page;
/// on other pages lines in capitals are centred headings in bold and the rest justified
/// paragraphs. The folio is centred at the foot. Returns the true text of each page, the folio
/// as its last line.
pub fn scan_book(
    pdf: &Path,
    pages: &[BookPage],
    seed: u64,
    quality: ScanQuality,
    jpeg_quality: u8,
) -> Result<Vec<String>, ScanError> {
    let fonts = Fonts::load()?;
    let layouts = pages
        .iter()
        .enumerate()
        .map(|(i, page)| {
            lay_out_book_page(&fonts, page, i == 0).ok_or(ScanError::PageTooLong(i + 1))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let degradation = quality.degradation();
    let mut writer = PdfWriter::create(pdf, layouts.len())?;
    let mut truths = Vec::with_capacity(layouts.len());
    for (i, layout) in layouts.iter().enumerate() {
        let mut rng = Rng::new(seed ^ (0xA5A5_0000 + i as u64).wrapping_mul(0x9E37_79B9));
        let (gray, _) = degrade(&render(&fonts, layout), &degradation, &mut rng);
        writer.page(&encode_jpeg(&gray, jpeg_quality)?)?;
        truths.push(layout.truth());
    }
    writer.finish()?;
    Ok(truths)
}

/// One book page; `None` when its text does not fit.
fn lay_out_book_page(fonts: &Fonts, page: &BookPage, title_page: bool) -> Option<PageLayout> {
    let mut setter = Typesetter::new(fonts, usize::MAX);
    let blocks: Vec<Vec<&str>> = page
        .text
        .split("\n\n")
        .map(|b| {
            b.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
        })
        .filter(|b| !b.is_empty())
        .collect();
    let capitals =
        |l: &str| l.chars().any(char::is_alphabetic) && !l.chars().any(char::is_lowercase);
    let display = blocks.iter().flatten().all(|l| l.chars().count() <= 70);
    let body = pt(13.0);
    let title_size = pt(19.0);
    let size_of = |b: usize, line: &str| {
        if title_page && b == 1 {
            title_size
        } else if capitals(line) {
            pt(13.5)
        } else {
            body
        }
    };
    // The title page: its blocks spread from the top to the foot of the page.
    let spread = if title_page && blocks.len() > 1 {
        let height: f32 = blocks
            .iter()
            .enumerate()
            .map(|(b, lines)| lines.iter().map(|l| size_of(b, l) * 1.32).sum::<f32>())
            .sum::<f32>()
            + (blocks.len() - 1) as f32 * body * 0.45;
        ((BOTTOM - TOP - height) / (blocks.len() - 1) as f32 - 1.0).max(0.0)
    } else {
        0.0
    };
    for (b, lines) in blocks.iter().enumerate() {
        if b > 0 {
            setter.y += spread;
        }
        setter.paragraph_gap(body);
        for line in lines {
            let size = size_of(b, line);
            // Headings, and the period in brackets under them.
            let heading = !line.chars().any(char::is_lowercase) && line.chars().count() <= 90;
            if display || heading {
                let face = if capitals(line) {
                    Face::Bold
                } else {
                    Face::Regular
                };
                setter.centered(line, face, size);
            } else {
                setter.paragraph(line);
            }
        }
    }
    if !setter.pages.is_empty() {
        return None;
    }
    if let Some(folio) = &page.folio {
        let size = pt(12.0);
        let width = fonts.width(Face::Regular, size, folio);
        setter.y = HEIGHT as f32 - 150.0;
        setter.place(
            vec![folio.clone()],
            (LEFT + RIGHT - width) / 2.0,
            0.0,
            Face::Regular,
            size,
        );
    }
    Some(setter.current)
}

fn io(path: &Path, source: std::io::Error) -> ScanError {
    ScanError::Io {
        path: path.to_path_buf(),
        source,
    }
}

// ---------------------------------------------------------------------------------------------
// Randomness: splitmix64, enough for layout choices and noise.

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x6A09_E667_F3BC_C909)
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `[0, 1)`.
    fn unit(&mut self) -> f32 {
        (self.next_u64() >> 40) as f32 / (1u64 << 24) as f32
    }

    fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 32) * n as u64) >> 32) as usize
    }

    /// Roughly normal, mean 0, deviation 1 (sum of four uniforms).
    fn normal(&mut self) -> f32 {
        let x = self.next_u64();
        let s: u32 = (0..4).map(|k| ((x >> (16 * k)) & 0xFFFF) as u32).sum();
        (s as f32 / 65535.0 - 2.0) * 1.732
    }
}

// ---------------------------------------------------------------------------------------------
// Fonts and measuring.

/// A DejaVu face (`DejaVuSerif-Bold.ttf`) from Debian's `fonts-dejavu-core`; also draws the
/// generated covers of books (`export::cover`).
pub(crate) fn load_font(name: &str) -> Result<FontVec, ScanError> {
    let path = Path::new(FONT_DIR).join(name);
    let bytes = std::fs::read(&path).map_err(|source| ScanError::Font {
        path: path.clone(),
        source,
    })?;
    FontVec::try_from_vec(bytes).map_err(|_| ScanError::BadFont(path))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Face {
    Regular,
    Bold,
    Italic,
}

struct Fonts {
    regular: FontVec,
    bold: FontVec,
    italic: FontVec,
}

impl Fonts {
    fn load() -> Result<Fonts, ScanError> {
        let load = load_font;
        Ok(Fonts {
            regular: load("DejaVuSerif.ttf")?,
            bold: load("DejaVuSerif-Bold.ttf")?,
            italic: load("DejaVuSerif-Italic.ttf")?,
        })
    }

    fn face(&self, face: Face) -> &FontVec {
        match face {
            Face::Regular => &self.regular,
            Face::Bold => &self.bold,
            Face::Italic => &self.italic,
        }
    }

    /// Width in pixels of `text` set at `size` px.
    fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        let font = self.face(face).as_scaled(PxScale::from(size));
        let mut width = 0.0;
        let mut previous: Option<GlyphId> = None;
        for c in text.chars() {
            let id = font.glyph_id(c);
            if let Some(p) = previous {
                width += font.kern(p, id);
            }
            width += font.h_advance(id);
            previous = Some(id);
        }
        width
    }
}

// ---------------------------------------------------------------------------------------------
// Layout: documents to A4 pages of placed lines.

/// Points to pixels at 300 dpi.
fn pt(points: f32) -> f32 {
    points * DPI as f32 / 72.0
}

const LEFT: f32 = 354.0; // 30 mm, the binding side
const RIGHT: f32 = WIDTH as f32 - 236.0; // 20 mm
const TOP: f32 = 236.0;
const BOTTOM: f32 = HEIGHT as f32 - 236.0;
const INDENT: f32 = 118.0; // 1 cm

/// Words of one printed line at a position; `gap` is the space between words (wider in a
/// justified line).
#[derive(Debug, Clone)]
struct PlacedLine {
    words: Vec<String>,
    x: f32,
    baseline: f32,
    gap: f32,
    face: Face,
    size: f32,
    /// Reading order on the page: (group, column, sequence), so consecutive two-column header
    /// lines are read column by column.
    order: (usize, usize, usize),
}

impl PlacedLine {
    fn text(&self) -> String {
        self.words.join(" ")
    }
}

#[derive(Debug, Clone, Default)]
struct PageLayout {
    lines: Vec<PlacedLine>,
}

impl PageLayout {
    fn truth(&self) -> String {
        let mut lines: Vec<&PlacedLine> = self.lines.iter().collect();
        lines.sort_by_key(|l| l.order);
        let text = lines
            .iter()
            .map(|l| l.text())
            .collect::<Vec<_>>()
            .join("\n");
        vietnamese::normalize(&text)
    }
}

/// How one source line of a document is set.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Setting {
    /// Centred between the margins.
    Centered(Face, f32),
    /// Justified paragraph with a first-line indent.
    Paragraph,
    /// Two header columns on one line.
    Columns,
}

/// Lays out documents page after page until `wanted` pages are full.
struct Typesetter<'a> {
    fonts: &'a Fonts,
    pages: Vec<PageLayout>,
    current: PageLayout,
    /// Baseline of the last line set on the current page (TOP before any).
    y: f32,
    /// Page of the current document (1-based), for the running page number.
    doc_page: usize,
    /// Reading-order group of the last line; `in_columns` when it was a header column.
    group: usize,
    in_columns: bool,
    wanted: usize,
}

impl<'a> Typesetter<'a> {
    fn new(fonts: &'a Fonts, wanted: usize) -> Typesetter<'a> {
        Typesetter {
            fonts,
            pages: Vec::new(),
            current: PageLayout::default(),
            y: TOP,
            doc_page: 1,
            group: 0,
            in_columns: false,
            wanted,
        }
    }

    fn full(&self) -> bool {
        self.pages.len() >= self.wanted
    }

    fn finish_page(&mut self) {
        let page = std::mem::take(&mut self.current);
        if !page.lines.is_empty() {
            self.pages.push(page);
        }
        self.y = TOP;
        self.group = 0;
        self.in_columns = false;
    }

    /// Room for a line of `size` px; opens a new page (with its number) when there is none.
    fn advance(&mut self, size: f32) -> f32 {
        let step = size * 1.32;
        if self.y + step > BOTTOM {
            self.finish_page();
            self.doc_page += 1;
            let number = self.doc_page.to_string();
            let size = pt(12.0);
            let width = self.fonts.width(Face::Regular, size, &number);
            self.y += size;
            self.place(
                vec![number],
                (LEFT + RIGHT - width) / 2.0,
                0.0,
                Face::Regular,
                size,
            );
            self.y += size * 0.8;
        }
        self.y += step;
        self.y
    }

    fn place(&mut self, words: Vec<String>, x: f32, gap: f32, face: Face, size: f32) {
        self.place_in_order(words, x, gap, face, size, None);
    }

    /// `column` is `Some` for a header cell: consecutive cells are read column by column.
    fn place_in_order(
        &mut self,
        words: Vec<String>,
        x: f32,
        gap: f32,
        face: Face,
        size: f32,
        column: Option<usize>,
    ) {
        let gap = if gap > 0.0 {
            gap
        } else {
            self.fonts.width(face, size, " ")
        };
        if column.is_none() || !self.in_columns {
            self.group += 1;
        }
        self.in_columns = column.is_some();
        let order = (self.group, column.unwrap_or(0), self.current.lines.len());
        self.current.lines.push(PlacedLine {
            words,
            x,
            baseline: self.y,
            gap,
            face,
            size,
            order,
        });
    }

    fn paragraph_gap(&mut self, size: f32) {
        if self.y > TOP {
            self.y += size * 0.45;
        }
    }

    fn centered(&mut self, text: &str, face: Face, size: f32) {
        for line in self.wrap(text, face, size, RIGHT - LEFT, 0.0) {
            self.advance(size);
            let width = self.fonts.width(face, size, &line.join(" "));
            self.place(line, (LEFT + RIGHT - width) / 2.0, 0.0, face, size);
        }
    }

    fn paragraph(&mut self, text: &str) {
        let size = pt(13.0);
        let lines = self.wrap(text, Face::Regular, size, RIGHT - LEFT, INDENT);
        let count = lines.len();
        let space = self.fonts.width(Face::Regular, size, " ");
        for (i, line) in lines.into_iter().enumerate() {
            self.advance(size);
            let x = if i == 0 { LEFT + INDENT } else { LEFT };
            let gap = if i + 1 < count && line.len() > 1 {
                let ink: f32 = line
                    .iter()
                    .map(|w| self.fonts.width(Face::Regular, size, w))
                    .sum();
                ((RIGHT - x - ink) / (line.len() - 1) as f32).clamp(space, space * 2.5)
            } else {
                space
            };
            self.place(line, x, gap, Face::Regular, size);
        }
    }

    /// Header cells side by side, each wrapped and centred in its column, read column by
    /// column.
    fn columns(&mut self, left: &str, right: &str) {
        let size = pt(12.0);
        let split = LEFT + (RIGHT - LEFT) * 0.45;
        let face = |t: &str| {
            if !t.chars().any(char::is_lowercase) {
                Face::Bold
            } else if t.contains("ngày") {
                Face::Italic
            } else {
                Face::Regular
            }
        };
        let cells = [(left, LEFT - 150.0, split), (right, split, RIGHT + 60.0)];
        let wrapped: Vec<(Vec<Vec<String>>, Face, f32, f32)> = cells
            .iter()
            .map(|(text, from, to)| {
                let f = face(text);
                (self.wrap(text, f, size, to - from, 0.0), f, *from, *to)
            })
            .collect();
        let rows = wrapped.iter().map(|w| w.0.len()).max().unwrap_or(0);
        for row in 0..rows {
            self.advance(size);
            for (column, (lines, f, from, to)) in wrapped.iter().enumerate() {
                if let Some(words) = lines.get(row) {
                    let width = self.fonts.width(*f, size, &words.join(" "));
                    let x = (from + to - width) / 2.0;
                    self.place_in_order(words.clone(), x, 0.0, *f, size, Some(column));
                }
            }
        }
    }

    /// Greedy line breaking on measured widths; the first line is `indent` narrower.
    fn wrap(&self, text: &str, face: Face, size: f32, width: f32, indent: f32) -> Vec<Vec<String>> {
        let space = self.fonts.width(face, size, " ");
        let mut lines = Vec::new();
        let mut line: Vec<String> = Vec::new();
        let mut used = 0.0;
        for word in text.split_whitespace() {
            let w = self.fonts.width(face, size, word);
            let room = if lines.is_empty() {
                width - indent
            } else {
                width
            };
            if !line.is_empty() && used + space + w > room {
                lines.push(std::mem::take(&mut line));
                used = 0.0;
            }
            if !line.is_empty() {
                used += space;
            }
            used += w;
            line.push(word.to_string());
        }
        if !line.is_empty() {
            lines.push(line);
        }
        lines
    }

    /// One generated document, starting on a new page.
    fn document(&mut self, text: &str) {
        self.doc_page = 1;
        let blocks: Vec<&str> = text
            .split("\n\n")
            .filter(|b| !b.trim().is_empty())
            .collect();
        for (b, block) in blocks.iter().enumerate() {
            if self.full() {
                return;
            }
            let body = pt(13.0);
            self.paragraph_gap(body);
            // A header set in two columns keeps its other lines in the left one.
            let two_columns = b == 0 && block.lines().any(|l| split_at_gap(l).is_some());
            for line in block
                .lines()
                .map(str::trim_end)
                .filter(|l| !l.trim().is_empty())
            {
                if two_columns && split_at_gap(line).is_none() {
                    self.columns(line.trim(), "");
                    continue;
                }
                match setting(line, b) {
                    Setting::Columns => {
                        let (left, right) = split_columns(line);
                        self.columns(left, right);
                    }
                    Setting::Centered(face, size) => self.centered(line.trim(), face, size),
                    Setting::Paragraph => self.paragraph(line.trim()),
                }
                if self.full() {
                    return;
                }
            }
        }
        self.finish_page();
    }
}

/// Header and title lines are centred, capitals in bold, the date line in italics; the rest is
/// body text.
fn setting(line: &str, block: usize) -> Setting {
    if split_at_gap(line).is_some() {
        return Setting::Columns;
    }
    let text = line.trim();
    let capitals = !text.chars().any(char::is_lowercase) && text.chars().any(char::is_alphabetic);
    let short = text.chars().count() <= 60;
    if block == 0 {
        let face = if capitals {
            Face::Bold
        } else if text.contains("ngày") {
            Face::Italic
        } else {
            Face::Regular
        };
        return Setting::Centered(face, pt(12.5));
    }
    if block == 1 {
        return Setting::Centered(Face::Bold, pt(if capitals { 14.0 } else { 13.0 }));
    }
    if capitals && short {
        return Setting::Centered(Face::Bold, pt(13.0));
    }
    Setting::Paragraph
}

fn split_at_gap(line: &str) -> Option<usize> {
    line.trim_start()
        .find("    ")
        .map(|i| i + line.len() - line.trim_start().len())
}

fn split_columns(line: &str) -> (&str, &str) {
    match split_at_gap(line) {
        Some(i) => (line[..i].trim(), line[i..].trim()),
        None => (line.trim(), ""),
    }
}

fn lay_out(fonts: &Fonts, pages: usize, seed: u64) -> Vec<PageLayout> {
    let mut setter = Typesetter::new(fonts, pages);
    // A document fills at least one page, so `pages` documents are always enough.
    for document in corpus::generate(pages.max(1), seed) {
        if setter.full() {
            break;
        }
        setter.document(&document.text);
    }
    setter.finish_page();
    setter.pages.truncate(pages);
    setter.pages
}

// ---------------------------------------------------------------------------------------------
// Rendering and degradation.

/// Ink coverage of a page, 0 (paper) to 255 (full ink).
fn render(fonts: &Fonts, page: &PageLayout) -> Vec<u8> {
    let mut ink = vec![0u8; WIDTH * HEIGHT];
    for line in &page.lines {
        let font = fonts.face(line.face);
        let scale = PxScale::from(line.size);
        let scaled = font.as_scaled(scale);
        let mut x = line.x;
        for (w, word) in line.words.iter().enumerate() {
            if w > 0 {
                x += line.gap;
            }
            let mut previous: Option<GlyphId> = None;
            for c in word.chars() {
                let id = scaled.glyph_id(c);
                if let Some(p) = previous {
                    x += scaled.kern(p, id);
                }
                let glyph = id.with_scale_and_position(scale, ab_glyph::point(x, line.baseline));
                if let Some(outline) = font.outline_glyph(glyph) {
                    let bounds = outline.px_bounds();
                    outline.draw(|gx, gy, coverage| {
                        let px = bounds.min.x as i64 + gx as i64;
                        let py = bounds.min.y as i64 + gy as i64;
                        if (0..WIDTH as i64).contains(&px) && (0..HEIGHT as i64).contains(&py) {
                            let cell = &mut ink[py as usize * WIDTH + px as usize];
                            let value = (coverage.clamp(0.0, 1.0) * 255.0) as u8;
                            *cell = (*cell).max(value);
                        }
                    });
                }
                x += scaled.h_advance(id);
                previous = Some(id);
            }
        }
    }
    ink
}

/// The scanner: skew, blur, paper, ink, speckle, noise. Returns grey pixels and the skew used.
fn degrade(ink: &[u8], d: &Degradation, rng: &mut Rng) -> (Vec<u8>, f32) {
    let (low, high) = d.skew_degrees;
    let magnitude = low + (high - low) * rng.unit();
    let skew = if rng.unit() < 0.5 {
        -magnitude
    } else {
        magnitude
    };
    let mut coverage = rotate(ink, skew);
    if d.blur_sigma > 0.0 {
        coverage = blur(&coverage, d.blur_sigma);
    }
    // Dust and toner specks go on before the noise, as they are on the paper.
    for _ in 0..d.speckles_per_page {
        let cx = rng.below(WIDTH) as i64;
        let cy = rng.below(HEIGHT) as i64;
        let r = 1 + rng.below(3) as i64;
        let strength = 120.0 + 135.0 * rng.unit();
        for dy in -r..=r {
            for dx in -r..=r {
                if dx * dx + dy * dy > r * r {
                    continue;
                }
                let (x, y) = (cx + dx, cy + dy);
                if (0..WIDTH as i64).contains(&x) && (0..HEIGHT as i64).contains(&y) {
                    let cell = &mut coverage[y as usize * WIDTH + x as usize];
                    *cell = cell.max(strength);
                }
            }
        }
    }
    let field = PaperField::new(rng);
    let mut gray = vec![0u8; WIDTH * HEIGHT];
    for y in 0..HEIGHT {
        for x in 0..WIDTH {
            let i = y * WIDTH + x;
            let paper = d.paper + d.paper_variation * field.at(x, y);
            let c = coverage[i] / 255.0;
            let value = paper * (1.0 - c) + d.ink * c + d.noise_sigma * rng.normal();
            gray[i] = value.clamp(0.0, 255.0) as u8;
        }
    }
    for _ in 0..d.pepper_per_page {
        let i = rng.below(WIDTH * HEIGHT);
        gray[i] = if rng.unit() < 0.6 { 30 } else { 250 };
    }
    (gray, skew)
}

/// Rotate coverage about the page centre by `degrees` (bilinear), as a page laid crooked on
/// the glass.
fn rotate(ink: &[u8], degrees: f32) -> Vec<f32> {
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (WIDTH as f32 / 2.0, HEIGHT as f32 / 2.0);
    let mut out = vec![0f32; WIDTH * HEIGHT];
    let at = |x: i64, y: i64| -> f32 {
        if (0..WIDTH as i64).contains(&x) && (0..HEIGHT as i64).contains(&y) {
            ink[y as usize * WIDTH + x as usize] as f32
        } else {
            0.0
        }
    };
    for y in 0..HEIGHT {
        let dy = y as f32 - cy;
        for x in 0..WIDTH {
            let dx = x as f32 - cx;
            // Inverse mapping: where this output pixel comes from.
            let sx = cos * dx + sin * dy + cx;
            let sy = -sin * dx + cos * dy + cy;
            let (x0, y0) = (sx.floor(), sy.floor());
            let (fx, fy) = (sx - x0, sy - y0);
            let (x0, y0) = (x0 as i64, y0 as i64);
            let top = at(x0, y0) * (1.0 - fx) + at(x0 + 1, y0) * fx;
            let bottom = at(x0, y0 + 1) * (1.0 - fx) + at(x0 + 1, y0 + 1) * fx;
            out[y * WIDTH + x] = top * (1.0 - fy) + bottom * fy;
        }
    }
    out
}

/// Separable Gaussian blur.
fn blur(input: &[f32], sigma: f32) -> Vec<f32> {
    let radius = (sigma * 3.0).ceil() as i64;
    let kernel: Vec<f32> = (-radius..=radius)
        .map(|k| (-(k * k) as f32 / (2.0 * sigma * sigma)).exp())
        .collect();
    let total: f32 = kernel.iter().sum();
    let kernel: Vec<f32> = kernel.iter().map(|k| k / total).collect();
    let mut horizontal = vec![0f32; WIDTH * HEIGHT];
    for y in 0..HEIGHT {
        let row = &input[y * WIDTH..(y + 1) * WIDTH];
        for x in 0..WIDTH {
            let mut sum = 0.0;
            for (k, weight) in kernel.iter().enumerate() {
                let sx = (x as i64 + k as i64 - radius).clamp(0, WIDTH as i64 - 1) as usize;
                sum += row[sx] * weight;
            }
            horizontal[y * WIDTH + x] = sum;
        }
    }
    let mut out = vec![0f32; WIDTH * HEIGHT];
    for y in 0..HEIGHT {
        for (k, weight) in kernel.iter().enumerate() {
            let sy = (y as i64 + k as i64 - radius).clamp(0, HEIGHT as i64 - 1) as usize;
            let source = &horizontal[sy * WIDTH..(sy + 1) * WIDTH];
            let target = &mut out[y * WIDTH..(y + 1) * WIDTH];
            for (t, s) in target.iter_mut().zip(source) {
                *t += s * weight;
            }
        }
    }
    out
}

/// A smooth field in about [-1, 1]: a gradient across the page and a few broad waves, the
/// uneven light of a scanner lid and yellowed paper.
struct PaperField {
    gradient: (f32, f32),
    waves: Vec<(f32, f32, f32, f32)>,
}

impl PaperField {
    fn new(rng: &mut Rng) -> PaperField {
        let gradient = (rng.unit() - 0.5, rng.unit() - 0.5);
        let waves = (0..3)
            .map(|_| {
                (
                    (0.5 + 2.0 * rng.unit()) * std::f32::consts::TAU / WIDTH as f32,
                    (0.5 + 2.0 * rng.unit()) * std::f32::consts::TAU / HEIGHT as f32,
                    std::f32::consts::TAU * rng.unit(),
                    0.15 + 0.2 * rng.unit(),
                )
            })
            .collect();
        PaperField { gradient, waves }
    }

    fn at(&self, x: usize, y: usize) -> f32 {
        let (u, v) = (x as f32 / WIDTH as f32, y as f32 / HEIGHT as f32);
        let mut value = self.gradient.0 * (u - 0.5) * 2.0 + self.gradient.1 * (v - 0.5) * 2.0;
        for (fx, fy, phase, amplitude) in &self.waves {
            value += amplitude * (fx * x as f32 + fy * y as f32 + phase).sin();
        }
        value.clamp(-1.0, 1.0)
    }
}

fn encode_jpeg(gray: &[u8], quality: u8) -> Result<Vec<u8>, ScanError> {
    let mut out = Vec::new();
    let mut encoder = jpeg_encoder::Encoder::new(&mut out, quality);
    encoder.set_density(jpeg_encoder::PixelDensity::dpi(DPI as u16));
    encoder
        .encode(
            gray,
            WIDTH as u16,
            HEIGHT as u16,
            jpeg_encoder::ColorType::Luma,
        )
        .map_err(|e| ScanError::Jpeg(e.to_string()))?;
    Ok(out)
}

fn decode_jpeg(jpeg: &[u8]) -> Option<Vec<u8>> {
    let mut decoder = jpeg_decoder::Decoder::new(jpeg);
    let pixels = decoder.decode().ok()?;
    (pixels.len() == WIDTH * HEIGHT).then_some(pixels)
}

// ---------------------------------------------------------------------------------------------
// Containers.

/// An image-only PDF, one JPEG per page, written as pages come. Page `i` uses objects
/// `3 + 3i` (page), `4 + 3i` (content) and `5 + 3i` (image).
struct PdfWriter {
    path: PathBuf,
    out: BufWriter<File>,
    offsets: Vec<u64>,
    written: u64,
    pages: usize,
    next: usize,
}

impl PdfWriter {
    fn create(path: &Path, pages: usize) -> Result<PdfWriter, ScanError> {
        let file = File::create(path).map_err(|source| io(path, source))?;
        let mut writer = PdfWriter {
            path: path.to_path_buf(),
            out: BufWriter::new(file),
            offsets: Vec::new(),
            written: 0,
            pages,
            next: 0,
        };
        writer.raw(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")?;
        writer.object(1, b"<< /Type /Catalog /Pages 2 0 R >>")?;
        let kids: Vec<String> = (0..pages).map(|i| format!("{} 0 R", 3 + 3 * i)).collect();
        let pages_dict = format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            kids.join(" ")
        );
        writer.object(2, pages_dict.as_bytes())?;
        Ok(writer)
    }

    fn raw(&mut self, bytes: &[u8]) -> Result<(), ScanError> {
        self.out
            .write_all(bytes)
            .map_err(|source| io(&self.path, source))?;
        self.written += bytes.len() as u64;
        Ok(())
    }

    fn object(&mut self, id: usize, body: &[u8]) -> Result<(), ScanError> {
        self.start(id)?;
        self.raw(body)?;
        self.raw(b"\nendobj\n")
    }

    fn start(&mut self, id: usize) -> Result<(), ScanError> {
        if self.offsets.len() < id {
            self.offsets.resize(id, 0);
        }
        self.offsets[id - 1] = self.written;
        self.raw(format!("{id} 0 obj\n").as_bytes())
    }

    fn page(&mut self, jpeg: &[u8]) -> Result<(), ScanError> {
        let base = 3 + 3 * self.next;
        self.next += 1;
        // The page is exactly the image at 300 dpi: rasterizing at 300 dpi gives its size back.
        let (w, h) = (
            WIDTH as f32 * 72.0 / DPI as f32,
            HEIGHT as f32 * 72.0 / DPI as f32,
        );
        let page = format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {w:.2} {h:.2}] /Resources << /XObject << /Scan {} 0 R >> >> /Contents {} 0 R >>",
            base + 2,
            base + 1
        );
        self.object(base, page.as_bytes())?;
        let content = format!("q {w:.2} 0 0 {h:.2} 0 0 cm /Scan Do Q");
        self.object(
            base + 1,
            format!(
                "<< /Length {} >>\nstream\n{content}\nendstream",
                content.len()
            )
            .as_bytes(),
        )?;
        self.start(base + 2)?;
        self.raw(
            format!(
                "<< /Type /XObject /Subtype /Image /Width {WIDTH} /Height {HEIGHT} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode /Length {} >>\nstream\n",
                jpeg.len()
            )
            .as_bytes(),
        )?;
        self.raw(jpeg)?;
        self.raw(b"\nendstream\nendobj\n")
    }

    fn finish(mut self) -> Result<(), ScanError> {
        debug_assert_eq!(self.next, self.pages);
        let xref = self.written;
        let count = self.offsets.len() + 1;
        let mut table = format!("xref\n0 {count}\n0000000000 65535 f \n");
        for offset in &self.offsets {
            table.push_str(&format!("{offset:010} 00000 n \n"));
        }
        table.push_str(&format!(
            "trailer\n<< /Size {count} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
        ));
        self.raw(table.as_bytes())?;
        self.out.flush().map_err(|source| io(&self.path, source))
    }
}

/// A multi-page 8-bit grayscale TIFF, one Deflate strip per page, 300 dpi.
struct TiffWriter {
    path: PathBuf,
    file: BufWriter<File>,
    /// Where the previous IFD's "next IFD" offset sits (4 for the header's first pointer).
    link: u64,
}

impl TiffWriter {
    fn create(path: &Path) -> Result<TiffWriter, ScanError> {
        let file = File::create(path).map_err(|source| io(path, source))?;
        let mut writer = TiffWriter {
            path: path.to_path_buf(),
            file: BufWriter::new(file),
            link: 4,
        };
        writer.write(b"II*\0\0\0\0\0")?;
        Ok(writer)
    }

    fn write(&mut self, bytes: &[u8]) -> Result<(), ScanError> {
        self.file
            .write_all(bytes)
            .map_err(|source| io(&self.path, source))
    }

    fn position(&mut self) -> Result<u64, ScanError> {
        self.file
            .stream_position()
            .map_err(|source| io(&self.path, source))
    }

    fn page(&mut self, gray: &[u8]) -> Result<(), ScanError> {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder
            .write_all(gray)
            .map_err(|source| io(&self.path, source))?;
        let strip = encoder.finish().map_err(|source| io(&self.path, source))?;
        let strip_offset = self.position()?;
        self.write(&strip)?;
        if self.position()? % 2 == 1 {
            self.write(&[0])?;
        }
        let resolution_offset = self.position()?;
        // 300/1 for X and Y.
        let mut rational = Vec::new();
        for _ in 0..2 {
            rational.extend_from_slice(&DPI.to_le_bytes());
            rational.extend_from_slice(&1u32.to_le_bytes());
        }
        self.write(&rational)?;
        let ifd_offset = self.position()?;
        // (tag, type, count, value): types 3 SHORT, 4 LONG, 5 RATIONAL.
        let entries: [(u16, u16, u32, u32); 12] = [
            (256, 4, 1, WIDTH as u32),
            (257, 4, 1, HEIGHT as u32),
            (258, 3, 1, 8),
            (259, 3, 1, 8), // Deflate
            (262, 3, 1, 1), // black is zero
            (273, 4, 1, strip_offset as u32),
            (277, 3, 1, 1),
            (278, 4, 1, HEIGHT as u32),
            (279, 4, 1, strip.len() as u32),
            (282, 5, 1, resolution_offset as u32),
            (283, 5, 1, resolution_offset as u32 + 8),
            (296, 3, 1, 2), // inches
        ];
        let mut ifd = Vec::with_capacity(2 + entries.len() * 12 + 4);
        ifd.extend_from_slice(&(entries.len() as u16).to_le_bytes());
        for (tag, kind, count, value) in entries {
            ifd.extend_from_slice(&tag.to_le_bytes());
            ifd.extend_from_slice(&kind.to_le_bytes());
            ifd.extend_from_slice(&count.to_le_bytes());
            if kind == 3 {
                ifd.extend_from_slice(&(value as u16).to_le_bytes());
                ifd.extend_from_slice(&[0, 0]);
            } else {
                ifd.extend_from_slice(&value.to_le_bytes());
            }
        }
        let next_link = ifd_offset + ifd.len() as u64;
        ifd.extend_from_slice(&0u32.to_le_bytes());
        self.write(&ifd)?;
        // Point the previous IFD (or the header) at this one.
        let end = self.position()?;
        self.seek(self.link)?;
        self.write(&(ifd_offset as u32).to_le_bytes())?;
        self.seek(end)?;
        self.link = next_link;
        Ok(())
    }

    fn seek(&mut self, to: u64) -> Result<(), ScanError> {
        self.file
            .seek(SeekFrom::Start(to))
            .map(|_| ())
            .map_err(|source| io(&self.path, source))
    }

    fn finish(mut self) -> Result<(), ScanError> {
        self.file.flush().map_err(|source| io(&self.path, source))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quality_codes_round_trip() {
        for q in [ScanQuality::Clean, ScanQuality::Typical, ScanQuality::Poor] {
            assert_eq!(ScanQuality::from_code(q.code()), Some(q));
        }
        assert_eq!(ScanQuality::from_code("excellent"), None);
    }

    #[test]
    fn header_columns_split_at_the_gap() {
        assert_eq!(
            split_columns("TỈNH ỦY HÀ GIANG          ĐẢNG CỘNG SẢN VIỆT NAM"),
            ("TỈNH ỦY HÀ GIANG", "ĐẢNG CỘNG SẢN VIỆT NAM")
        );
        assert_eq!(
            setting("      *      Hà Giang, ngày 5 tháng 3 năm 2019", 0),
            Setting::Columns
        );
        assert_eq!(
            setting("CHỈ THỊ", 1),
            Setting::Centered(Face::Bold, pt(14.0))
        );
    }
}
