//! Scanned images as they arrive: PNG, JPEG and TIFF (also multi-page), recognised by their first
//! bytes.
//!
//! Dimensions come from the header, so an image that would need gigabytes once decoded is
//! refused before anything is allocated. A TIFF is split page by page at the container level
//! (the page's strips or tiles are copied into a one-page TIFF), so every compression libtiff
//! reads (CCITT G4, LZW, JPEG, Deflate) works and pages can be recognised in parallel and
//! resumed one by one. Most decoding happens in bounded child processes (poppler, netpbm,
//! tesseract); this module reads the grey raster they return, to find blank pages and to write
//! the reading image. Two common cases are decoded here, within the same limits: a JPEG reduced
//! in the transform ([`jpeg_reduced`]), and uncompressed or Deflate TIFF strips ([`tiff_gray`]).

use std::borrow::Cow;
use std::collections::HashSet;
use std::io::Write;

/// The image formats we recognise.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Tiff,
}

impl ImageKind {
    pub fn name(self) -> &'static str {
        match self {
            ImageKind::Png => "PNG",
            ImageKind::Jpeg => "JPEG",
            ImageKind::Tiff => "TIFF",
        }
    }
}

/// The format, from the magic bytes.
pub fn sniff(bytes: &[u8]) -> Option<ImageKind> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(ImageKind::Png)
    } else if bytes.starts_with(&[0xff, 0xd8, 0xff]) {
        Some(ImageKind::Jpeg)
    } else if bytes.starts_with(b"II*\0")
        || bytes.starts_with(b"MM\0*")
        || bytes.starts_with(b"II+\0")
        || bytes.starts_with(b"MM\0+")
    {
        Some(ImageKind::Tiff)
    } else {
        None
    }
}

/// Longest side we accept, in pixels: an A2 sheet at 600 dpi is about 14,000.
pub const MAX_SIDE: u32 = 20_000;
/// Most pixels in one page: an A3 page at 600 dpi is 70 million. Decoded grey, that is 80 MB
/// for us and a few hundred for tesseract, well inside the child's memory limit.
pub const MAX_PIXELS: u64 = 80_000_000;

/// What the header says about one page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageHeader {
    pub width: u32,
    pub height: u32,
    /// Horizontal resolution, when the file records one.
    pub dpi: Option<f64>,
}

/// Why an image was refused before decoding.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum HeaderError {
    /// Not readable: truncated, corrupt, or a variant we do not read.
    #[error("{0}")]
    Corrupt(String),
    /// Larger than [`MAX_SIDE`] or [`MAX_PIXELS`].
    #[error("trang quá lớn ({width}×{height} điểm ảnh)")]
    TooLarge { width: u32, height: u32 },
    /// More pages than allowed.
    #[error("hơn {0} trang")]
    TooManyPages(usize),
}

impl PageHeader {
    /// Refuse absurd sizes (a 40000×40000 image is 1.6 billion pixels).
    pub fn check(&self) -> Result<(), HeaderError> {
        if self.width == 0 || self.height == 0 {
            return Err(HeaderError::Corrupt("ảnh có kích thước 0".into()));
        }
        if self.width > MAX_SIDE
            || self.height > MAX_SIDE
            || self.width as u64 * self.height as u64 > MAX_PIXELS
        {
            return Err(HeaderError::TooLarge {
                width: self.width,
                height: self.height,
            });
        }
        Ok(())
    }
}

/// The pages of an image file as its header describes them (one for PNG and JPEG), each
/// checked against the size limits. At most `max_pages` pages are read.
pub fn probe(bytes: &[u8], max_pages: usize) -> Result<Vec<PageHeader>, HeaderError> {
    probe_pages(bytes, max_pages).map(|(pages, _)| pages)
}

/// [`probe`], and why the pages stop early when a TIFF is cut short after its first pages
/// (an interrupted copy): the pages before the cut are still read.
pub fn probe_pages(
    bytes: &[u8],
    max_pages: usize,
) -> Result<(Vec<PageHeader>, Option<String>), HeaderError> {
    let (pages, cut) = match sniff(bytes) {
        Some(ImageKind::Png) => (vec![png_header(bytes)?], None),
        Some(ImageKind::Jpeg) => (vec![jpeg_header(bytes)?], None),
        Some(ImageKind::Tiff) => {
            let tiff = Tiff::parse(bytes)?;
            let (ifds, more, cut) = tiff.walk(max_pages)?;
            if more {
                return Err(HeaderError::TooManyPages(max_pages + 1));
            }
            let pages = ifds
                .iter()
                .map(|&ifd| tiff.page_header(ifd))
                .collect::<Result<_, _>>()?;
            (pages, cut)
        }
        None => return Err(HeaderError::Corrupt("không phải ảnh".into())),
    };
    for page in &pages {
        page.check()?;
    }
    Ok((pages, cut))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    b.get(at..at + 4)
        .map(|s| u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn be16(b: &[u8], at: usize) -> Option<u16> {
    b.get(at..at + 2).map(|s| u16::from_be_bytes([s[0], s[1]]))
}

fn png_header(b: &[u8]) -> Result<PageHeader, HeaderError> {
    let corrupt = |why: &str| HeaderError::Corrupt(format!("PNG: {why}"));
    if b.get(12..16) != Some(b"IHDR") {
        return Err(corrupt("thiếu khối IHDR"));
    }
    let width = be32(b, 16).ok_or_else(|| corrupt("cụt"))?;
    let height = be32(b, 20).ok_or_else(|| corrupt("cụt"))?;
    // The resolution is in pHYs, which comes before the image data.
    let mut dpi = None;
    let mut at = 8usize;
    while let (Some(len), Some(kind)) = (be32(b, at), b.get(at + 4..at + 8)) {
        if kind == b"IDAT" || kind == b"IEND" {
            break;
        }
        if kind == b"pHYs" && b.get(at + 16) == Some(&1) {
            // Pixels per metre.
            dpi = be32(b, at + 8).map(|ppm| ppm as f64 * 0.0254);
        }
        at = match at.checked_add(12 + len as usize) {
            Some(next) => next,
            None => break,
        };
    }
    Ok(PageHeader { width, height, dpi })
}

fn jpeg_header(b: &[u8]) -> Result<PageHeader, HeaderError> {
    let corrupt = |why: &str| HeaderError::Corrupt(format!("JPEG: {why}"));
    let mut dpi = None;
    let mut at = 2usize;
    loop {
        // Markers may be padded with extra 0xFF bytes.
        while b.get(at) == Some(&0xff) && b.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let (Some(&0xff), Some(&marker)) = (b.get(at), b.get(at + 1)) else {
            return Err(corrupt("không tìm thấy kích thước ảnh"));
        };
        if marker == 0xd9 || marker == 0xda {
            return Err(corrupt("không tìm thấy kích thước ảnh"));
        }
        let len = be16(b, at + 2).ok_or_else(|| corrupt("cụt"))? as usize;
        let segment = at + 4;
        match marker {
            0xe0 if b.get(segment..segment + 5) == Some(b"JFIF\0") => {
                let units = b.get(segment + 7).copied().unwrap_or(0);
                let density = be16(b, segment + 8).unwrap_or(0) as f64;
                dpi = match units {
                    1 if density > 1.0 => Some(density),
                    2 if density > 1.0 => Some(density * 2.54),
                    _ => None,
                };
            }
            0xc0..=0xcf if !matches!(marker, 0xc4 | 0xc8 | 0xcc) => {
                let height = be16(b, segment + 1).ok_or_else(|| corrupt("cụt"))? as u32;
                let width = be16(b, segment + 3).ok_or_else(|| corrupt("cụt"))? as u32;
                return Ok(PageHeader { width, height, dpi });
            }
            _ => {}
        }
        at += 2 + len;
    }
}

/// The EXIF orientation a JPEG declares (1 upright … 8), from the TIFF structure of its APP1
/// `Exif` segment: what phones write instead of turning the pixels. `None` when there is none.
/// Reads only the segments before the image data, each within its declared length.
pub fn jpeg_orientation(b: &[u8]) -> Option<u16> {
    let mut at = 2usize;
    loop {
        while b.get(at) == Some(&0xff) && b.get(at + 1) == Some(&0xff) {
            at += 1;
        }
        let (Some(&0xff), Some(&marker)) = (b.get(at), b.get(at + 1)) else {
            return None;
        };
        if matches!(marker, 0xd9 | 0xda) {
            return None;
        }
        let len = be16(b, at + 2)? as usize;
        let segment = b.get(at + 4..(at + 2 + len).max(at + 4))?;
        if marker == 0xe1 && segment.starts_with(b"Exif\0\0") {
            let tiff = Tiff::parse(&segment[6..]).ok()?;
            let ifd = tiff.u32_at(4)? as usize;
            let entries = tiff.entries(ifd).ok()?;
            return tiff
                .number(&entries, tag::ORIENTATION)
                .filter(|o| (1..=8).contains(o))
                .map(|o| o as u16);
        }
        at += 2 + len.max(2);
    }
}

/// TIFF tags we read or must treat specially.
mod tag {
    pub const WIDTH: u16 = 256;
    pub const LENGTH: u16 = 257;
    pub const BITS_PER_SAMPLE: u16 = 258;
    pub const COMPRESSION: u16 = 259;
    pub const PHOTOMETRIC: u16 = 262;
    pub const FILL_ORDER: u16 = 266;
    pub const STRIP_OFFSETS: u16 = 273;
    pub const ORIENTATION: u16 = 274;
    pub const SAMPLES_PER_PIXEL: u16 = 277;
    pub const ROWS_PER_STRIP: u16 = 278;
    pub const STRIP_BYTE_COUNTS: u16 = 279;
    pub const X_RESOLUTION: u16 = 282;
    pub const Y_RESOLUTION: u16 = 283;
    pub const PLANAR_CONFIG: u16 = 284;
    pub const FREE_OFFSETS: u16 = 288;
    pub const FREE_BYTE_COUNTS: u16 = 289;
    pub const RESOLUTION_UNIT: u16 = 296;
    pub const TILE_OFFSETS: u16 = 324;
    pub const TILE_BYTE_COUNTS: u16 = 325;
    pub const PREDICTOR: u16 = 317;
    pub const SUB_IFDS: u16 = 330;
    pub const JPEG_IF_OFFSET: u16 = 513;
    pub const JPEG_IF_LENGTH: u16 = 514;
    pub const EXIF_IFD: u16 = 34665;
    pub const GPS_IFD: u16 = 34853;
    pub const INTEROP_IFD: u16 = 40965;
}

/// One IFD entry as stored.
#[derive(Debug, Clone, Copy)]
struct Entry {
    tag: u16,
    kind: u16,
    count: u32,
    /// The four value-or-offset bytes, in file byte order.
    raw: [u8; 4],
}

/// A classic (not Big) TIFF file, read without decoding.
struct Tiff<'a> {
    bytes: &'a [u8],
    little: bool,
}

/// Bytes of one value of a TIFF field type; 0 for unknown types.
fn type_size(kind: u16) -> usize {
    match kind {
        1 | 2 | 6 | 7 => 1,
        3 | 8 => 2,
        4 | 9 | 11 | 13 => 4,
        5 | 10 | 12 => 8,
        _ => 0,
    }
}

/// No real page has more strips or tiles than this; a header claiming more is hostile.
const MAX_STRIPS: u32 = 1 << 20;

impl<'a> Tiff<'a> {
    fn parse(bytes: &'a [u8]) -> Result<Tiff<'a>, HeaderError> {
        let little = match bytes.get(..4) {
            Some(b"II*\0") => true,
            Some(b"MM\0*") => false,
            Some(b"II+\0") | Some(b"MM\0+") => return Err(HeaderError::Corrupt(
                "TIFF: định dạng BigTIFF chưa được hỗ trợ, hãy lưu lại thành TIFF thường hoặc PDF"
                    .into(),
            )),
            _ => return Err(HeaderError::Corrupt("TIFF: đầu tệp sai".into())),
        };
        Ok(Tiff { bytes, little })
    }

    fn u16_at(&self, at: usize) -> Option<u16> {
        let s = self.bytes.get(at..at.checked_add(2)?)?;
        Some(if self.little {
            u16::from_le_bytes([s[0], s[1]])
        } else {
            u16::from_be_bytes([s[0], s[1]])
        })
    }

    fn u32_at(&self, at: usize) -> Option<u32> {
        let s = self.bytes.get(at..at.checked_add(4)?)?;
        Some(self.u32_of([s[0], s[1], s[2], s[3]]))
    }

    fn u32_of(&self, raw: [u8; 4]) -> u32 {
        if self.little {
            u32::from_le_bytes(raw)
        } else {
            u32::from_be_bytes(raw)
        }
    }

    fn corrupt(why: impl std::fmt::Display) -> HeaderError {
        HeaderError::Corrupt(format!("TIFF hỏng: {why}"))
    }

    /// The first `limit` IFD offsets, whether more follow, and where the chain breaks when it
    /// leaves the file after some pages. A loop, or no readable page at all, is corruption.
    fn walk(&self, limit: usize) -> Result<(Vec<usize>, bool, Option<String>), HeaderError> {
        let mut out = Vec::new();
        let mut seen = HashSet::new();
        let mut next = self.u32_at(4).ok_or_else(|| Self::corrupt("cụt"))? as usize;
        while next != 0 {
            if !seen.insert(next) {
                return Err(Self::corrupt("chuỗi trang tự lặp"));
            }
            if out.len() >= limit {
                return Ok((out, true, None));
            }
            let following = self.u16_at(next).and_then(|count| {
                let after = next + 2 + 12 * count as usize;
                self.u32_at(after)
            });
            let Some(following) = following else {
                if out.is_empty() {
                    return Err(Self::corrupt("danh mục trang nằm ngoài tệp (tệp bị cụt?)"));
                }
                let why = format!(
                    "tệp TIFF bị cụt sau trang {}: các trang sau đó bị mất, hãy chép lại tệp gốc",
                    out.len()
                );
                return Ok((out, false, Some(why)));
            };
            out.push(next);
            next = following as usize;
        }
        if out.is_empty() {
            return Err(Self::corrupt("không có trang nào"));
        }
        Ok((out, false, None))
    }

    fn entries(&self, ifd: usize) -> Result<Vec<Entry>, HeaderError> {
        let count = self
            .u16_at(ifd)
            .ok_or_else(|| Self::corrupt("trỏ ra ngoài tệp"))? as usize;
        (0..count)
            .map(|i| {
                let at = ifd + 2 + 12 * i;
                let raw = self
                    .bytes
                    .get(at + 8..at + 12)
                    .ok_or_else(|| Self::corrupt("danh mục trang bị cụt"))?;
                Ok(Entry {
                    tag: self.u16_at(at).unwrap_or(0),
                    kind: self.u16_at(at + 2).unwrap_or(0),
                    count: self.u32_at(at + 4).unwrap_or(0),
                    raw: [raw[0], raw[1], raw[2], raw[3]],
                })
            })
            .collect()
    }

    /// The bytes of an entry's values, inline or at their offset.
    fn value_bytes(&self, e: &Entry) -> Result<&'a [u8], HeaderError> {
        let size = type_size(e.kind)
            .checked_mul(e.count as usize)
            .ok_or_else(|| Self::corrupt("trường quá lớn"))?;
        if size <= 4 {
            // Callers read inline values from `raw`.
            return Err(Self::corrupt(format!(
                "trường {} không có dữ liệu riêng",
                e.tag
            )));
        }
        let at = self.u32_of(e.raw) as usize;
        self.bytes
            .get(at..at.checked_add(size).ok_or_else(|| Self::corrupt("tràn"))?)
            .ok_or_else(|| Self::corrupt(format!("trường {} trỏ ra ngoài tệp", e.tag)))
    }

    /// An entry's values as integers (SHORT or LONG), at most `limit` of them.
    fn numbers(&self, e: &Entry, limit: u32) -> Result<Vec<u32>, HeaderError> {
        if e.count > limit {
            return Err(Self::corrupt(format!(
                "trường {} có quá nhiều giá trị",
                e.tag
            )));
        }
        let size = type_size(e.kind);
        if !matches!(e.kind, 3 | 4) {
            return Err(Self::corrupt(format!("trường {} sai kiểu", e.tag)));
        }
        let total = size * e.count as usize;
        let data: Vec<u8> = if total <= 4 {
            e.raw[..total].to_vec()
        } else {
            self.value_bytes(e)?.to_vec()
        };
        Ok(data
            .chunks_exact(size)
            .map(|c| match size {
                2 => {
                    if self.little {
                        u16::from_le_bytes([c[0], c[1]]) as u32
                    } else {
                        u16::from_be_bytes([c[0], c[1]]) as u32
                    }
                }
                _ => self.u32_of([c[0], c[1], c[2], c[3]]),
            })
            .collect())
    }

    fn number(&self, entries: &[Entry], tag: u16) -> Option<u32> {
        let e = entries.iter().find(|e| e.tag == tag)?;
        self.numbers(e, 1).ok()?.first().copied()
    }

    fn page_header(&self, ifd: usize) -> Result<PageHeader, HeaderError> {
        let entries = self.entries(ifd)?;
        let width = self
            .number(&entries, tag::WIDTH)
            .ok_or_else(|| Self::corrupt("thiếu chiều rộng"))?;
        let height = self
            .number(&entries, tag::LENGTH)
            .ok_or_else(|| Self::corrupt("thiếu chiều cao"))?;
        let dpi = entries
            .iter()
            .find(|e| e.tag == tag::X_RESOLUTION && e.kind == 5 && e.count == 1)
            .and_then(|e| self.value_bytes(e).ok())
            .and_then(|v| {
                let num = self.u32_of([v[0], v[1], v[2], v[3]]) as f64;
                let den = self.u32_of([v[4], v[5], v[6], v[7]]) as f64;
                (den > 0.0).then_some(num / den)
            })
            .and_then(|r| match self.number(&entries, tag::RESOLUTION_UNIT) {
                Some(3) => Some(r * 2.54),
                Some(1) => None,
                _ => Some(r),
            })
            .filter(|d| *d >= 20.0);
        Ok(PageHeader { width, height, dpi })
    }

    /// Page `ifd` as a one-page TIFF of the same byte order: the entries and their values
    /// copied, strips (or tiles) copied and their offsets rewritten, links to other IFDs (EXIF,
    /// GPS, sub-images) dropped.
    fn single_page(&self, ifd: usize) -> Result<Vec<u8>, HeaderError> {
        let entries: Vec<Entry> = self
            .entries(ifd)?
            .into_iter()
            .filter(|e| {
                !matches!(
                    e.tag,
                    tag::SUB_IFDS
                        | tag::EXIF_IFD
                        | tag::GPS_IFD
                        | tag::INTEROP_IFD
                        | tag::FREE_OFFSETS
                        | tag::FREE_BYTE_COUNTS
                )
            })
            .collect();
        let find = |t: u16| entries.iter().find(|e| e.tag == t);
        let (offsets_tag, counts_tag) = if find(tag::TILE_OFFSETS).is_some() {
            (tag::TILE_OFFSETS, tag::TILE_BYTE_COUNTS)
        } else {
            (tag::STRIP_OFFSETS, tag::STRIP_BYTE_COUNTS)
        };
        let offsets = self.numbers(
            find(offsets_tag).ok_or_else(|| Self::corrupt("thiếu vị trí dữ liệu ảnh"))?,
            MAX_STRIPS,
        )?;
        let counts = self.numbers(
            find(counts_tag).ok_or_else(|| Self::corrupt("thiếu độ dài dữ liệu ảnh"))?,
            MAX_STRIPS,
        )?;
        if offsets.len() != counts.len() {
            return Err(Self::corrupt(
                "số vị trí và số độ dài dữ liệu ảnh không khớp",
            ));
        }
        let strips: Vec<&[u8]> = offsets
            .iter()
            .zip(&counts)
            .map(|(&at, &len)| {
                self.bytes
                    .get(at as usize..at as usize + len as usize)
                    .ok_or_else(|| Self::corrupt("dữ liệu ảnh nằm ngoài tệp (tệp bị cụt?)"))
            })
            .collect::<Result<_, _>>()?;
        // Strips may overlap in a crafted file; never copy more than the file holds.
        let mut budget = self.bytes.len();
        let mut spend = |n: usize| {
            budget = budget
                .checked_sub(n)
                .ok_or_else(|| Self::corrupt("dữ liệu ảnh lớn hơn cả tệp"))?;
            Ok::<(), HeaderError>(())
        };
        for strip in &strips {
            spend(strip.len())?;
        }
        // Old-style JPEG keeps a whole JPEG stream at its own offset.
        let jpeg_stream = match (
            self.number(&entries, tag::JPEG_IF_OFFSET),
            self.number(&entries, tag::JPEG_IF_LENGTH),
        ) {
            (Some(at), Some(len)) => Some(
                self.bytes
                    .get(at as usize..at as usize + len as usize)
                    .ok_or_else(|| Self::corrupt("dữ liệu JPEG nằm ngoài tệp"))?,
            ),
            _ => None,
        };

        let mut out = Vec::with_capacity(self.bytes.len().min(64 << 20));
        out.extend_from_slice(&self.bytes[..4]);
        out.extend_from_slice(&self.word(8));
        let ifd_len = 2 + 12 * entries.len() + 4;
        out.resize(8 + ifd_len, 0);
        let pad = |out: &mut Vec<u8>| {
            if out.len() % 2 == 1 {
                out.push(0);
            }
        };
        // Out-of-line values.
        let mut raws = Vec::with_capacity(entries.len());
        for e in &entries {
            let size = type_size(e.kind).saturating_mul(e.count as usize);
            let raw = if e.tag == offsets_tag || e.tag == tag::JPEG_IF_OFFSET || size <= 4 {
                e.raw
            } else {
                let value = self.value_bytes(e)?;
                spend(value.len())?;
                pad(&mut out);
                let at = out.len() as u32;
                out.extend_from_slice(value);
                self.word(at)
            };
            raws.push(raw);
        }
        // The offsets array (if it does not fit inline), then the strips themselves.
        pad(&mut out);
        let array_at = out.len();
        if strips.len() > 1 {
            out.resize(array_at + 4 * strips.len(), 0);
        }
        let mut new_offsets = Vec::with_capacity(strips.len());
        for strip in &strips {
            pad(&mut out);
            new_offsets.push(out.len() as u32);
            out.extend_from_slice(strip);
        }
        let jpeg_at = jpeg_stream.map(|stream| {
            pad(&mut out);
            let at = out.len() as u32;
            out.extend_from_slice(stream);
            at
        });
        if out.len() > u32::MAX as usize {
            return Err(Self::corrupt("trang quá lớn"));
        }
        if strips.len() > 1 {
            for (i, at) in new_offsets.iter().enumerate() {
                out[array_at + 4 * i..array_at + 4 * i + 4].copy_from_slice(&self.word(*at));
            }
        }
        // The IFD itself.
        let mut at = 8;
        out[at..at + 2].copy_from_slice(&self.half(entries.len() as u16));
        at += 2;
        for (e, raw) in entries.iter().zip(raws) {
            let (kind, count, raw) = if e.tag == offsets_tag {
                let raw = if strips.len() > 1 {
                    self.word(array_at as u32)
                } else {
                    self.word(new_offsets.first().copied().unwrap_or(0))
                };
                (4u16, strips.len() as u32, raw)
            } else if e.tag == tag::JPEG_IF_OFFSET {
                (4u16, 1, self.word(jpeg_at.unwrap_or(0)))
            } else {
                (e.kind, e.count, raw)
            };
            out[at..at + 2].copy_from_slice(&self.half(e.tag));
            out[at + 2..at + 4].copy_from_slice(&self.half(kind));
            out[at + 4..at + 8].copy_from_slice(&self.word(count));
            out[at + 8..at + 12].copy_from_slice(&raw);
            at += 12;
        }
        out[at..at + 4].copy_from_slice(&[0; 4]);
        Ok(out)
    }

    fn word(&self, v: u32) -> [u8; 4] {
        if self.little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    }

    fn half(&self, v: u16) -> [u8; 2] {
        if self.little {
            v.to_le_bytes()
        } else {
            v.to_be_bytes()
        }
    }
}

/// Page `index` (0-based) of a TIFF as a standalone one-page TIFF.
pub fn tiff_page(bytes: &[u8], index: usize) -> Result<Vec<u8>, HeaderError> {
    let tiff = Tiff::parse(bytes)?;
    let (ifds, _, _) = tiff.walk(index + 1)?;
    let ifd = *ifds
        .get(index)
        .ok_or_else(|| Tiff::corrupt("không có trang này"))?;
    tiff.single_page(ifd)
}

/// How the first page of a TIFF is stored: what decides which program can read it.
#[derive(Debug, Clone, PartialEq)]
pub struct TiffLayout {
    pub width: u32,
    pub height: u32,
    /// 1 none, 4 CCITT G4, 5 LZW, 7 JPEG, 8 and 32946 Deflate, …
    pub compression: u16,
    /// Bits of each sample.
    pub bits: u16,
    /// Samples per pixel.
    pub samples: u16,
    /// 0 white is zero, 1 black is zero, 2 RGB, 3 palette, …
    pub photometric: u16,
    /// 1 none, 2 horizontal differencing.
    pub predictor: u16,
    /// 1 samples of a pixel together, 2 one plane per sample.
    pub planar: u16,
    /// 1 bits from the highest, 2 reversed.
    pub fill_order: u16,
    /// 1 upright; anything else asks the reader to turn or flip the page.
    pub orientation: u16,
    pub tiled: bool,
    /// The resolution, in dots per inch, when both axes record one.
    pub dpi: Option<f64>,
    rows_per_strip: u32,
    /// Each strip's offset and length, checked to lie inside the file.
    strips: Vec<(usize, usize)>,
}

/// The compression codes of Deflate: the standard one and Adobe's older one.
const DEFLATE: [u16; 2] = [8, 32946];

impl TiffLayout {
    /// Whether tesseract (leptonica through libtiff) reads this page as stored, exactly as it
    /// reads a page cut out of the file by hand: uncompressed, LZW, Deflate or CCITT G4, 1-bit
    /// or 8-bit grey (black is zero) or 8-bit RGB, upright.
    pub fn tesseract_reads(&self) -> bool {
        let codec = match self.compression {
            1 | 5 => true,
            4 => self.bits == 1,
            c => DEFLATE.contains(&c),
        };
        let pixels = match (self.bits, self.samples, self.photometric) {
            (1, 1, 0 | 1) | (8, 1, 1) => true,
            (8, 3, 2) => self.planar == 1,
            _ => false,
        };
        codec
            && pixels
            && matches!(self.predictor, 1 | 2)
            && self.fill_order == 1
            && self.orientation == 1
            && !self.tiled
    }

    /// Whether [`tiff_gray`] decodes this page: uncompressed or Deflate strips (predictor 1
    /// or 2) of 8-bit grey, 8-bit RGB or 1-bit bilevel, upright.
    pub fn decoded_here(&self) -> bool {
        let deflate = DEFLATE.contains(&self.compression);
        let codec = self.compression == 1 || deflate;
        let pixels = match (self.bits, self.samples, self.photometric) {
            (1, 1, 0 | 1) => self.predictor == 1 || !deflate,
            (8, 1, 0 | 1) => true,
            (8, 3, 2) => self.planar == 1,
            _ => false,
        };
        codec
            && pixels
            && matches!(self.predictor, 1 | 2)
            && self.fill_order == 1
            && self.orientation == 1
            && !self.tiled
    }
}

impl Tiff<'_> {
    fn layout(&self, ifd: usize) -> Result<TiffLayout, HeaderError> {
        let header = self.page_header(ifd)?;
        header.check()?;
        let entries = self.entries(ifd)?;
        let find = |t: u16| entries.iter().find(|e| e.tag == t);
        let one = |t: u16, default: u32| -> Result<u16, HeaderError> {
            match find(t) {
                None => Ok(default as u16),
                Some(e) => {
                    let v = self.numbers(e, 1)?;
                    Ok(v.first().copied().unwrap_or(default).min(u16::MAX as u32) as u16)
                }
            }
        };
        let samples = one(tag::SAMPLES_PER_PIXEL, 1)?;
        // One value per sample; all the same in any file we read.
        let bits = match find(tag::BITS_PER_SAMPLE) {
            None => 1,
            Some(e) => {
                let v = self.numbers(e, 16)?;
                match v.first() {
                    Some(&b) if v.iter().all(|&x| x == b) => b.min(u16::MAX as u32) as u16,
                    _ => 0,
                }
            }
        };
        let photometric = one(tag::PHOTOMETRIC, u16::MAX as u32)?;
        let tiled = find(tag::TILE_OFFSETS).is_some();
        let (offsets, counts) = if tiled {
            (Vec::new(), Vec::new())
        } else {
            let offsets = find(tag::STRIP_OFFSETS)
                .ok_or_else(|| Self::corrupt("thiếu vị trí dữ liệu ảnh"))?;
            let counts = find(tag::STRIP_BYTE_COUNTS)
                .ok_or_else(|| Self::corrupt("thiếu độ dài dữ liệu ảnh"))?;
            (
                self.numbers(offsets, MAX_STRIPS)?,
                self.numbers(counts, MAX_STRIPS)?,
            )
        };
        let strips = offsets
            .iter()
            .zip(&counts)
            .map(|(&at, &len)| {
                let (at, len) = (at as usize, len as usize);
                at.checked_add(len)
                    .filter(|end| *end <= self.bytes.len())
                    .map(|_| (at, len))
                    .ok_or_else(|| Self::corrupt("dữ liệu ảnh nằm ngoài tệp (tệp bị cụt?)"))
            })
            .collect::<Result<Vec<_>, _>>()?;
        let rows_per_strip = find(tag::ROWS_PER_STRIP)
            .and_then(|e| self.numbers(e, 1).ok())
            .and_then(|v| v.first().copied())
            .filter(|r| *r > 0)
            .unwrap_or(header.height)
            .min(header.height);
        let has_y = find(tag::Y_RESOLUTION).is_some_and(|e| e.kind == 5 && e.count == 1);
        Ok(TiffLayout {
            width: header.width,
            height: header.height,
            compression: one(tag::COMPRESSION, 1)?,
            bits,
            samples,
            photometric,
            predictor: one(tag::PREDICTOR, 1)?,
            planar: one(tag::PLANAR_CONFIG, 1)?,
            fill_order: one(tag::FILL_ORDER, 1)?,
            orientation: one(tag::ORIENTATION, 1)?,
            tiled,
            dpi: header.dpi.filter(|_| has_y),
            rows_per_strip,
            strips,
        })
    }
}

/// How the first page of a TIFF (a page cut out by [`tiff_page`]) is stored.
pub fn tiff_layout(bytes: &[u8]) -> Result<TiffLayout, HeaderError> {
    let tiff = Tiff::parse(bytes)?;
    let (ifds, _, _) = tiff.walk(1)?;
    tiff.layout(ifds[0])
}

/// Decode the first page of a TIFF to 8-bit grey in the process, for the layouts
/// [`TiffLayout::decoded_here`] accepts (what scanners and our own tools write uncompressed
/// or with Deflate); an error for any other, which netpbm decodes instead. Bounded: the page
/// is within the header limits, every strip inflates to at most the rows it holds (read a row
/// at a time, so an RGB page never needs more than its grey size), and a strip that holds
/// less is an error.
pub fn tiff_gray(bytes: &[u8]) -> Result<Gray<'static>, String> {
    use std::io::Read;
    let l = tiff_layout(bytes).map_err(|e| e.to_string())?;
    if !l.decoded_here() {
        return Err("cách lưu TIFF này được giải mã bằng netpbm".into());
    }
    let (w, h) = (l.width as usize, l.height as usize);
    let spp = l.samples as usize;
    let row_bytes = (w * spp * l.bits as usize).div_ceil(8);
    let rows_per_strip = l.rows_per_strip as usize;
    if l.strips.len() < h.div_ceil(rows_per_strip) {
        return Err("TIFF thiếu dải dữ liệu ảnh".into());
    }
    // Every byte we allocate is counted from the checked header: the page in grey, one row.
    let mut pixels = Vec::with_capacity(w * h);
    let mut row = vec![0u8; row_bytes];
    let white_is_zero = l.photometric == 0;
    for (s, &(at, len)) in l.strips.iter().take(h.div_ceil(rows_per_strip)).enumerate() {
        let rows = rows_per_strip.min(h - s * rows_per_strip);
        let data = &bytes[at..at + len];
        let mut reader: Box<dyn Read> = if DEFLATE.contains(&l.compression) {
            Box::new(flate2::read::ZlibDecoder::new(data))
        } else {
            Box::new(data)
        };
        for _ in 0..rows {
            reader
                .read_exact(&mut row)
                .map_err(|_| "dải dữ liệu TIFF bị cụt hoặc hỏng".to_string())?;
            if l.predictor == 2 && l.bits == 8 && l.compression != 1 {
                for i in spp..row_bytes {
                    row[i] = row[i].wrapping_add(row[i - spp]);
                }
            }
            match (l.bits, spp) {
                (1, _) => {
                    // A set bit is black when white is zero, white otherwise.
                    let (set, clear) = if white_is_zero { (0, 255) } else { (255, 0) };
                    pixels.extend((0..w).map(|x| {
                        if row[x / 8] & (0x80 >> (x % 8)) != 0 {
                            set
                        } else {
                            clear
                        }
                    }));
                }
                (_, 1) if white_is_zero => pixels.extend(row.iter().map(|&p| 255 - p)),
                (_, 1) => pixels.extend_from_slice(&row),
                _ => pixels.extend(row.chunks_exact(3).map(|p| {
                    ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as u8
                })),
            }
        }
    }
    Ok(Gray {
        width: l.width,
        height: l.height,
        pixels: Cow::Owned(pixels),
    })
}

/// A decoded page in 8-bit grey, one byte per pixel, rows top to bottom; borrowed from the
/// PNM it was read from when that already is 8-bit grey.
#[derive(Debug, Clone)]
pub struct Gray<'a> {
    pub width: u32,
    pub height: u32,
    pub pixels: Cow<'a, [u8]>,
}

/// Read a binary PNM (P4 bitmap, P5 grey, P6 colour; 8 or 16 bits) as 8-bit grey.
pub fn gray_from_pnm(bytes: &[u8]) -> Result<Gray<'_>, String> {
    let mut at = 2;
    let magic = bytes.get(..2).ok_or("ảnh rỗng")?;
    let fields = if magic == b"P4" { 2 } else { 3 };
    let mut values = [0u64; 3];
    for value in values.iter_mut().take(fields) {
        loop {
            match bytes.get(at) {
                Some(b'#') => {
                    while bytes.get(at).is_some_and(|&c| c != b'\n') {
                        at += 1;
                    }
                }
                Some(c) if c.is_ascii_whitespace() => at += 1,
                _ => break,
            }
        }
        let start = at;
        while bytes.get(at).is_some_and(u8::is_ascii_digit) && at - start < 10 {
            at += 1;
        }
        *value = std::str::from_utf8(&bytes[start..at])
            .ok()
            .and_then(|s| s.parse().ok())
            .ok_or("đầu ảnh PNM sai")?;
    }
    at += 1; // the single whitespace before the data
    let (width, height) = (values[0], values[1]);
    if width == 0 || height == 0 || width > MAX_SIDE as u64 || height > MAX_SIDE as u64 {
        return Err(format!("kích thước ảnh không hợp lệ ({width}×{height})"));
    }
    let (w, h) = (width as usize, height as usize);
    let data = bytes.get(at..).unwrap_or_default();
    if magic == b"P5" && values[2] == 255 {
        return Ok(Gray {
            width: width as u32,
            height: height as u32,
            pixels: Cow::Borrowed(data.get(..w * h).ok_or("ảnh bị cụt")?),
        });
    }
    let mut pixels = Vec::with_capacity(w * h);
    match magic {
        b"P4" => {
            let row = w.div_ceil(8);
            let data = data.get(..row * h).ok_or("ảnh bị cụt")?;
            for line in data.chunks_exact(row) {
                for x in 0..w {
                    let black = line[x / 8] & (0x80 >> (x % 8)) != 0;
                    pixels.push(if black { 0 } else { 255 });
                }
            }
        }
        b"P5" | b"P6" => {
            let max = values[2];
            if max == 0 || max > 65535 {
                return Err("độ sâu màu PNM sai".into());
            }
            let channels = if magic == b"P5" { 1 } else { 3 };
            let depth = if max > 255 { 2 } else { 1 };
            let data = data.get(..w * h * channels * depth).ok_or("ảnh bị cụt")?;
            let sample = |i: usize| -> u32 {
                let v = if depth == 2 {
                    u16::from_be_bytes([data[2 * i], data[2 * i + 1]]) as u32
                } else {
                    data[i] as u32
                };
                if max == 255 {
                    v
                } else {
                    v * 255 / max as u32
                }
            };
            if channels == 1 {
                pixels.extend((0..w * h).map(|i| sample(i) as u8));
            } else {
                pixels.extend((0..w * h).map(|i| {
                    let (r, g, b) = (sample(3 * i), sample(3 * i + 1), sample(3 * i + 2));
                    ((r * 77 + g * 150 + b * 29) >> 8) as u8
                }));
            }
        }
        _ => return Err("không phải ảnh PNM nhị phân".into()),
    }
    Ok(Gray {
        width: width as u32,
        height: height as u32,
        pixels: Cow::Owned(pixels),
    })
}

/// Decode a JPEG in grey, reduced in the transform (by 1/2, 1/4 or 1/8: a fraction of the work
/// of a full decode) to the smallest size at least `width` wide or `height` high.
pub fn jpeg_reduced(bytes: &[u8], width: u32, height: u32) -> Result<Gray<'static>, String> {
    use jpeg_decoder::PixelFormat;
    let header = jpeg_header(bytes).map_err(|e| format!("{e:?}"))?;
    header.check().map_err(|e| format!("{e:?}"))?;
    let mut decoder = jpeg_decoder::Decoder::new(bytes);
    let clamp = |v: u32| v.clamp(1, u16::MAX as u32) as u16;
    let (w, h) = decoder
        .scale(clamp(width), clamp(height))
        .map_err(|e| e.to_string())?;
    let pixels = decoder.decode().map_err(|e| e.to_string())?;
    let format = decoder.info().map(|i| i.pixel_format);
    let n = w as usize * h as usize;
    let gray: Vec<u8> = match format {
        Some(PixelFormat::L8) => pixels,
        Some(PixelFormat::L16) => pixels.chunks_exact(2).map(|p| p[0]).collect(),
        Some(PixelFormat::RGB24) => pixels
            .chunks_exact(3)
            .map(|p| ((p[0] as u32 * 77 + p[1] as u32 * 150 + p[2] as u32 * 29) >> 8) as u8)
            .collect(),
        _ => return Err("JPEG CMYK".into()),
    };
    if gray.len() != n {
        return Err("JPEG giải mã không đủ điểm ảnh".into());
    }
    Ok(Gray {
        width: w as u32,
        height: h as u32,
        pixels: Cow::Owned(gray),
    })
}

impl Gray<'_> {
    /// The page as it is meant to be seen, for an EXIF or TIFF orientation (1 upright,
    /// 2 mirrored, 3 upside down, 4 flipped, 5 transposed, 6 turned a quarter clockwise to be
    /// seen, 7 transverse, 8 a quarter counter-clockwise).
    pub fn oriented(&self, orientation: u16) -> Gray<'static> {
        let (w, h) = (self.width as usize, self.height as usize);
        let p = &self.pixels;
        let (ow, oh) = if orientation >= 5 { (h, w) } else { (w, h) };
        let mut out = Vec::with_capacity(w * h);
        for y in 0..oh {
            match orientation {
                2 => out.extend(p[y * w..(y + 1) * w].iter().rev()),
                3 => out.extend(p[(h - 1 - y) * w..(h - y) * w].iter().rev()),
                4 => out.extend_from_slice(&p[(h - 1 - y) * w..(h - y) * w]),
                5 => out.extend((0..ow).map(|x| p[x * w + y])),
                6 => out.extend((0..ow).map(|x| p[(h - 1 - x) * w + y])),
                7 => out.extend((0..ow).map(|x| p[(h - 1 - x) * w + (w - 1 - y)])),
                8 => out.extend((0..ow).map(|x| p[x * w + (w - 1 - y)])),
                _ => out.extend_from_slice(&p[y * w..(y + 1) * w]),
            }
        }
        Gray {
            width: ow as u32,
            height: oh as u32,
            pixels: Cow::Owned(out),
        }
    }

    /// Whether nothing is printed on the page: fewer than 1 in 5,000 pixels of the page's
    /// interior (margins of 4% cut off, where scanners leave edges and punch holes) are dark.
    /// A single line of body text is several times that; dust and speckle are less.
    pub fn is_blank(&self) -> bool {
        self.is_blank_below(128)
    }

    /// [`Gray::is_blank`] for a page reduced from its scan, where thin strokes are averaged
    /// with the paper around them.
    pub fn is_blank_reduced(&self) -> bool {
        self.is_blank_below(176)
    }

    fn is_blank_below(&self, dark: u8) -> bool {
        let (w, h) = (self.width as usize, self.height as usize);
        let (mx, my) = (w * 4 / 100, h * 4 / 100);
        let mut count = 0usize;
        for y in my..h - my {
            let row = &self.pixels[y * w + mx..y * w + w - mx];
            count += row.iter().filter(|&&p| p < dark).count();
        }
        let interior = (w - 2 * mx) * (h - 2 * my);
        count * 5_000 < interior
    }

    /// Whether most of the page is dark: a negative, not a printed page.
    pub fn mostly_dark(&self) -> bool {
        let sample: u64 = self.pixels.iter().step_by(97).map(|&p| p as u64).sum();
        let count = self.pixels.len().div_ceil(97) as u64;
        sample < 96 * count
    }

    /// Shrink by an integer factor, averaging each `factor`×`factor` block.
    pub fn downscale(&self, factor: u32) -> Gray<'static> {
        if factor <= 1 {
            return Gray {
                width: self.width,
                height: self.height,
                pixels: Cow::Owned(self.pixels.to_vec()),
            };
        }
        let f = factor as usize;
        let (w, h) = (self.width as usize, self.height as usize);
        let (nw, nh) = (w.div_ceil(f), h.div_ceil(f));
        let mut sums = vec![0u32; nw];
        let mut pixels = Vec::with_capacity(nw * nh);
        for band in self.pixels.chunks(w * f) {
            sums.iter_mut().for_each(|s| *s = 0);
            for row in band.chunks_exact(w) {
                for (sum, block) in sums.iter_mut().zip(row.chunks(f)) {
                    *sum += block.iter().map(|&p| p as u32).sum::<u32>();
                }
            }
            let rows = band.len() / w;
            pixels.extend(sums.iter().enumerate().map(|(x, s)| {
                let cols = (w - x * f).min(f);
                (s / (rows * cols) as u32) as u8
            }));
        }
        Gray {
            width: nw as u32,
            height: nh as u32,
            pixels: Cow::Owned(pixels),
        }
    }

    /// The page as an uncompressed grey TIFF with its resolution: what tesseract reads
    /// fastest (leptonica reads PNM a pixel at a time: 10% slower on a page).
    pub fn to_tiff(&self, dpi: u32) -> Vec<u8> {
        let mut tiff = self.tiff_header(dpi);
        tiff.extend_from_slice(&self.pixels);
        tiff
    }

    /// [`Gray::to_tiff`] without the pixels, which follow it directly.
    pub fn tiff_header(&self, dpi: u32) -> Vec<u8> {
        const ENTRIES: u16 = 11;
        let ifd_len = 2 + 12 * ENTRIES as u32 + 4;
        let resolution_at = 8 + ifd_len;
        let data_at = resolution_at + 8;
        let mut out = Vec::with_capacity(data_at as usize);
        out.extend_from_slice(b"II*\0");
        out.extend_from_slice(&8u32.to_le_bytes());
        out.extend_from_slice(&ENTRIES.to_le_bytes());
        let entries: [(u16, u16, u32); 11] = [
            (256, 4, self.width),
            (257, 4, self.height),
            (258, 3, 8),
            (259, 3, 1),                        // no compression
            (262, 3, 1),                        // black is zero
            (273, 4, data_at),                  // the one strip
            (277, 3, 1),                        // one sample per pixel
            (278, 4, self.height),              // rows per strip
            (279, 4, self.width * self.height), // strip bytes
            (282, 5, resolution_at),            // x resolution
            (283, 5, resolution_at),            // y resolution
        ];
        for (tag, kind, value) in entries {
            out.extend_from_slice(&tag.to_le_bytes());
            out.extend_from_slice(&kind.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
            if kind == 3 {
                out.extend_from_slice(&(value as u16).to_le_bytes());
                out.extend_from_slice(&[0, 0]);
            } else {
                out.extend_from_slice(&value.to_le_bytes());
            }
        }
        out.extend_from_slice(&0u32.to_le_bytes());
        out.extend_from_slice(&dpi.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        out
    }

    /// A PNG with 16 grey levels: text stays smooth at reading size and a page is a third of
    /// its 8-bit size (about 130 KB for a dense A4 page at 150 dpi).
    pub fn to_png(&self) -> Vec<u8> {
        let (w, h) = (self.width as usize, self.height as usize);
        let row_bytes = w.div_ceil(2);
        let mut raw = Vec::with_capacity((row_bytes + 1) * h);
        for y in 0..h {
            raw.push(0); // filter: none
            let row = &self.pixels[y * w..(y + 1) * w];
            for pair in row.chunks(2) {
                let level = |p: u8| (p as u32 * 15 + 127) / 255;
                let hi = level(pair[0]);
                let lo = pair.get(1).map_or(0, |&p| level(p));
                raw.push((hi << 4 | lo) as u8);
            }
        }
        // 4-bit grey.
        encode_png(
            self.width,
            self.height,
            4,
            0,
            &raw,
            flate2::Compression::new(6),
        )
    }
}

/// A PNG of rows already filtered (`raw`: a filter byte, then the row), in one IDAT chunk,
/// without interlace. `color_type` as PNG numbers it: 0 grey, 2 RGB.
pub(crate) fn encode_png(
    width: u32,
    height: u32,
    bit_depth: u8,
    color_type: u8,
    raw: &[u8],
    level: flate2::Compression,
) -> Vec<u8> {
    let mut png = Vec::with_capacity(raw.len() / 4);
    png.extend_from_slice(b"\x89PNG\r\n\x1a\n");
    let mut ihdr = Vec::with_capacity(13);
    ihdr.extend_from_slice(&width.to_be_bytes());
    ihdr.extend_from_slice(&height.to_be_bytes());
    ihdr.extend_from_slice(&[bit_depth, color_type, 0, 0, 0]);
    chunk(&mut png, b"IHDR", &ihdr);
    let mut z = flate2::write::ZlibEncoder::new(Vec::new(), level);
    // Writing to memory cannot fail.
    let _ = z.write_all(raw);
    chunk(&mut png, b"IDAT", &z.finish().unwrap_or_default());
    chunk(&mut png, b"IEND", &[]);
    png
}

fn chunk(out: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    out.extend_from_slice(&(data.len() as u32).to_be_bytes());
    out.extend_from_slice(kind);
    out.extend_from_slice(data);
    let mut crc = flate2::Crc::new();
    crc.update(kind);
    crc.update(data);
    out.extend_from_slice(&crc.sum().to_be_bytes());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_claiming(width: u32, height: u32) -> Vec<u8> {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        let mut ihdr = width.to_be_bytes().to_vec();
        ihdr.extend_from_slice(&height.to_be_bytes());
        ihdr.extend_from_slice(&[8, 0, 0, 0, 0]);
        chunk(&mut png, b"IHDR", &ihdr);
        chunk(&mut png, b"IEND", &[]);
        png
    }

    /// A little-endian TIFF of `pages` uncompressed 8-bit grey pages, `w`×`h`, each page's
    /// pixels set to its index, in `strips` strips.
    fn tiff(pages: usize, w: u32, h: u32, strips: u32) -> Vec<u8> {
        let mut out = b"II*\0".to_vec();
        out.extend_from_slice(&8u32.to_le_bytes());
        for page in 0..pages {
            let rows_per_strip = h.div_ceil(strips);
            let ifd_at = out.len();
            let n = 9u16;
            let ifd_len = 2 + 12 * n as usize + 4;
            let offsets_at = ifd_at + ifd_len;
            let counts_at = offsets_at + 4 * strips as usize;
            let res_at = counts_at + 4 * strips as usize;
            let data_at = res_at + 8;
            let strip_len = |s: u32| rows_per_strip.min(h - s * rows_per_strip) * w;
            let mut entries: Vec<(u16, u16, u32, u32)> = vec![
                (256, 4, 1, w),
                (257, 4, 1, h),
                (258, 3, 1, 8),
                (259, 3, 1, 1),
                (262, 3, 1, 1),
                (273, 4, strips, offsets_at as u32),
                (278, 4, 1, rows_per_strip),
                (279, 4, strips, counts_at as u32),
                (282, 5, 1, res_at as u32),
            ];
            if strips == 1 {
                entries[5].3 = data_at as u32;
                entries[7].3 = strip_len(0);
            }
            out.extend_from_slice(&n.to_le_bytes());
            for (t, k, c, v) in entries {
                out.extend_from_slice(&t.to_le_bytes());
                out.extend_from_slice(&k.to_le_bytes());
                out.extend_from_slice(&c.to_le_bytes());
                out.extend_from_slice(&v.to_le_bytes());
            }
            let next_at = out.len();
            out.extend_from_slice(&0u32.to_le_bytes());
            let mut at = data_at as u32;
            for s in 0..strips {
                out.extend_from_slice(&at.to_le_bytes());
                at += strip_len(s);
            }
            for s in 0..strips {
                out.extend_from_slice(&strip_len(s).to_le_bytes());
            }
            out.extend_from_slice(&300u32.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes());
            out.resize(out.len() + (w * h) as usize, page as u8);
            if page + 1 < pages {
                let next = out.len() as u32;
                out[next_at..next_at + 4].copy_from_slice(&next.to_le_bytes());
            }
        }
        out
    }

    /// A one-page little-endian TIFF of `rows` (packed as stored: `samples` samples of `bits`
    /// bits a pixel), compressed with `compression` (1 or 8) after `predictor`, in strips of
    /// `rows_per_strip` rows, at 300 dpi.
    #[allow(clippy::too_many_arguments)]
    fn tiff_of(
        width: u32,
        rows: &[Vec<u8>],
        bits: u16,
        samples: u16,
        photometric: u16,
        compression: u16,
        predictor: u16,
        rows_per_strip: usize,
    ) -> Vec<u8> {
        let spp = samples as usize;
        let strips: Vec<Vec<u8>> = rows
            .chunks(rows_per_strip)
            .map(|chunk| {
                let mut raw = Vec::new();
                for row in chunk {
                    let mut row = row.clone();
                    if predictor == 2 {
                        for i in (spp..row.len()).rev() {
                            row[i] = row[i].wrapping_sub(row[i - spp]);
                        }
                    }
                    raw.extend_from_slice(&row);
                }
                if compression == 1 {
                    raw
                } else {
                    let mut z =
                        flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
                    z.write_all(&raw).unwrap();
                    z.finish().unwrap()
                }
            })
            .collect();
        let n = strips.len() as u32;
        // The predictor belongs to a compression: libtiff warns about it on raw strips.
        let entries_count = if compression == 1 { 12u16 } else { 13 };
        let ifd_len = 2 + 12 * entries_count as u32 + 4;
        let offsets_at = 8 + ifd_len;
        let counts_at = offsets_at + 4 * n;
        let bits_at = counts_at + 4 * n;
        let res_at = bits_at + 8;
        let mut data_at = res_at + 8;
        let mut offsets = Vec::new();
        for s in &strips {
            offsets.push(data_at);
            data_at += s.len() as u32;
        }
        let entries: [(u16, u16, u32, u32); 13] = [
            (256, 4, 1, width),
            (257, 4, 1, rows.len() as u32),
            (
                258,
                3,
                samples as u32,
                if samples == 1 { bits as u32 } else { bits_at },
            ),
            (259, 3, 1, compression as u32),
            (262, 3, 1, photometric as u32),
            (273, 4, n, offsets_at),
            (277, 3, 1, samples as u32),
            (278, 4, 1, rows_per_strip as u32),
            (279, 4, n, counts_at),
            (282, 5, 1, res_at),
            (283, 5, 1, res_at),
            (296, 3, 1, 2),
            (317, 3, 1, predictor as u32),
        ];
        let mut out = b"II*\0".to_vec();
        out.extend_from_slice(&8u32.to_le_bytes());
        out.extend_from_slice(&entries_count.to_le_bytes());
        for (t, k, c, v) in entries.into_iter().take(entries_count as usize) {
            out.extend_from_slice(&t.to_le_bytes());
            out.extend_from_slice(&k.to_le_bytes());
            out.extend_from_slice(&c.to_le_bytes());
            if k == 3 && c == 1 {
                out.extend_from_slice(&(v as u16).to_le_bytes());
                out.extend_from_slice(&[0, 0]);
            } else if (t == 273 || t == 279) && n == 1 {
                let v = if t == 273 {
                    offsets[0]
                } else {
                    strips[0].len() as u32
                };
                out.extend_from_slice(&v.to_le_bytes());
            } else {
                out.extend_from_slice(&v.to_le_bytes());
            }
        }
        out.extend_from_slice(&0u32.to_le_bytes());
        for o in &offsets {
            out.extend_from_slice(&o.to_le_bytes());
        }
        for s in &strips {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
        }
        for _ in 0..4 {
            out.extend_from_slice(&bits.to_le_bytes());
        }
        out.extend_from_slice(&300u32.to_le_bytes());
        out.extend_from_slice(&1u32.to_le_bytes());
        for s in &strips {
            out.extend_from_slice(s);
        }
        out
    }

    /// Pages of every layout decoded here, in every form they are stored in, named.
    fn layouts() -> Vec<(String, Vec<u8>)> {
        let (w, h) = (37u32, 23usize);
        let value = |x: usize, y: usize, c: usize| ((x * 7 + y * 13 + c * 50) % 256) as u8;
        let grey: Vec<Vec<u8>> = (0..h)
            .map(|y| (0..w as usize).map(|x| value(x, y, 0)).collect())
            .collect();
        let rgb: Vec<Vec<u8>> = (0..h)
            .map(|y| {
                (0..w as usize)
                    .flat_map(|x| (0..3).map(move |c| value(x, y, c)))
                    .collect()
            })
            .collect();
        let bilevel: Vec<Vec<u8>> = (0..h)
            .map(|y| {
                let mut row = vec![0u8; (w as usize).div_ceil(8)];
                for x in 0..w as usize {
                    if (x + y) % 3 == 0 {
                        row[x / 8] |= 0x80 >> (x % 8);
                    }
                }
                row
            })
            .collect();
        let mut out = Vec::new();
        for (compression, predictor) in [(1, 1), (8, 1), (8, 2), (32946, 2)] {
            for rps in [h, 5] {
                let how = format!("compression {compression}, predictor {predictor}, {rps} rows");
                for photometric in [0, 1] {
                    out.push((
                        format!("grey {photometric}, {how}"),
                        tiff_of(w, &grey, 8, 1, photometric, compression, predictor, rps),
                    ));
                    if predictor == 1 {
                        out.push((
                            format!("bilevel {photometric}, {how}"),
                            tiff_of(w, &bilevel, 1, 1, photometric, compression, 1, rps),
                        ));
                    }
                }
                out.push((
                    format!("rgb, {how}"),
                    tiff_of(w, &rgb, 8, 3, 2, compression, predictor, rps),
                ));
            }
        }
        out
    }

    #[test]
    fn tiff_strips_decoded_like_netpbm() {
        for (name, file) in layouts() {
            let layout = tiff_layout(&file).unwrap();
            assert!(layout.decoded_here(), "{name}");
            assert_eq!(layout.dpi, Some(300.0), "{name}");
            let ours = tiff_gray(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!((ours.width, ours.height), (37, 23), "{name}");
            let mut child = std::process::Command::new("tifftopnm")
                .arg("-quiet")
                .stdin(std::process::Stdio::piped())
                .stdout(std::process::Stdio::piped())
                .spawn()
                .expect("tifftopnm (netpbm) is installed by scripts/setup.sh");
            child.stdin.take().unwrap().write_all(&file).unwrap();
            let out = child.wait_with_output().unwrap();
            assert!(out.status.success(), "{name}: tifftopnm failed");
            let theirs = gray_from_pnm(&out.stdout).unwrap();
            assert_eq!(ours.pixels, theirs.pixels, "{name}");
            // Cut short: an error (netpbm then decides), never a panic or a partial page.
            for cut in [file.len() - 1, file.len() / 2 + 100] {
                assert!(tiff_gray(&file[..cut]).is_err(), "{name} cut at {cut}");
            }
        }
    }

    #[test]
    fn tiff_layouts_told_apart() {
        let rows = vec![vec![0u8; 8]; 4];
        let lzw = {
            let mut f = tiff_of(8, &rows, 8, 1, 1, 1, 1, 4);
            // Compression is the fourth entry: its value sits at 8 + 2 + 3 * 12 + 8.
            f[54..56].copy_from_slice(&5u16.to_le_bytes());
            f
        };
        let l = tiff_layout(&lzw).unwrap();
        assert_eq!(l.compression, 5);
        assert!(l.tesseract_reads() && !l.decoded_here());
        assert!(tiff_gray(&lzw).is_err());
        let rgb = tiff_layout(&tiff_of(8, &vec![vec![0u8; 24]; 4], 8, 3, 2, 8, 2, 4)).unwrap();
        assert!(rgb.tesseract_reads() && rgb.decoded_here());
        // White-is-zero grey: decoded here, but tesseract is given pixels we write.
        let inverted = tiff_layout(&tiff_of(8, &rows, 8, 1, 0, 8, 1, 4)).unwrap();
        assert!(!inverted.tesseract_reads() && inverted.decoded_here());
        // A page whose rows claim more data than its strip holds.
        let mut short = tiff_of(8, &rows, 8, 1, 1, 1, 1, 4);
        let len = short.len();
        short.truncate(len - 8);
        assert!(tiff_layout(&short).is_err() || tiff_gray(&short).is_err());
    }

    #[test]
    fn exif_orientation_read_and_applied() {
        // Stored:      seen with 6 (a quarter clockwise):
        //   a b c        d a
        //   d e f        e b
        //                f c
        let g = Gray {
            width: 3,
            height: 2,
            pixels: Cow::Owned(b"abcdef".to_vec()),
        };
        let seen = |o| {
            let t = g.oriented(o);
            (
                t.width,
                t.height,
                String::from_utf8(t.pixels.to_vec()).unwrap(),
            )
        };
        assert_eq!(seen(1), (3, 2, "abcdef".into()));
        assert_eq!(seen(2), (3, 2, "cbafed".into()));
        assert_eq!(seen(3), (3, 2, "fedcba".into()));
        assert_eq!(seen(4), (3, 2, "defabc".into()));
        assert_eq!(seen(5), (2, 3, "adbecf".into()));
        assert_eq!(seen(6), (2, 3, "daebfc".into()));
        assert_eq!(seen(7), (2, 3, "fcebda".into()));
        assert_eq!(seen(8), (2, 3, "cfbead".into()));

        let mut exif = b"Exif\0\0MM\0*\0\0\0\x08\0\x01".to_vec();
        exif.extend_from_slice(&[0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0]);
        let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe1];
        jpeg.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
        jpeg.extend_from_slice(&exif);
        jpeg.extend_from_slice(&[0xff, 0xda, 0, 2]);
        assert_eq!(jpeg_orientation(&jpeg), Some(6));
        assert_eq!(jpeg_orientation(&[0xff, 0xd8, 0xff, 0xda, 0, 2]), None);
        // Cut inside the segment, or a segment claiming more than the file: nothing read.
        assert_eq!(jpeg_orientation(&jpeg[..20]), None);
        let mut lying = jpeg.clone();
        lying[4..6].copy_from_slice(&0xfff0u16.to_be_bytes());
        assert_eq!(jpeg_orientation(&lying), None);
    }

    #[test]
    fn formats_from_magic_bytes() {
        assert_eq!(sniff(&png_claiming(1, 1)), Some(ImageKind::Png));
        assert_eq!(sniff(&[0xff, 0xd8, 0xff, 0xe0]), Some(ImageKind::Jpeg));
        assert_eq!(sniff(b"II*\0\x08\0\0\0"), Some(ImageKind::Tiff));
        assert_eq!(sniff(b"MM\0*"), Some(ImageKind::Tiff));
        assert_eq!(sniff(b"%PDF-1.7"), None);
    }

    #[test]
    fn huge_png_refused_from_its_header() {
        let huge = png_claiming(40_000, 40_000);
        assert_eq!(
            probe(&huge, 10),
            Err(HeaderError::TooLarge {
                width: 40_000,
                height: 40_000
            })
        );
        let ok = probe(&png_claiming(2480, 3508), 10).unwrap();
        assert_eq!((ok[0].width, ok[0].height), (2480, 3508));
        assert!(matches!(
            probe(&png_claiming(0, 5), 10),
            Err(HeaderError::Corrupt(_))
        ));
    }

    #[test]
    fn jpeg_size_and_density() {
        let mut j = vec![0xff, 0xd8];
        j.extend_from_slice(&[0xff, 0xe0, 0, 16]);
        j.extend_from_slice(b"JFIF\0\x01\x02\x01\x01\x2c\x01\x2c\0\0");
        j.extend_from_slice(&[0xff, 0xc0, 0, 11, 8, 0x0d, 0xb4, 0x09, 0xb0, 1, 1, 0x11, 0]);
        let p = probe(&j, 1).unwrap();
        assert_eq!(
            (p[0].width, p[0].height, p[0].dpi),
            (2480, 3508, Some(300.0))
        );
        assert!(probe(&j[..12], 1).is_err());
    }

    #[test]
    fn tiff_pages_split_without_decoding() {
        for strips in [1, 3] {
            let file = tiff(3, 40, 30, strips);
            let pages = probe(&file, 10).unwrap();
            assert_eq!(pages.len(), 3);
            assert_eq!(pages[1].dpi, Some(300.0));
            for i in 0..3 {
                let one = tiff_page(&file, i).unwrap();
                let p = probe(&one, 10).unwrap();
                assert_eq!(p.len(), 1, "one page");
                assert_eq!((p[0].width, p[0].height), (40, 30));
                // The copied pixels are this page's.
                let t = Tiff::parse(&one).unwrap();
                let e = t.entries(8).unwrap();
                let offs = t
                    .numbers(e.iter().find(|e| e.tag == 273).unwrap(), 10)
                    .unwrap();
                let counts = t
                    .numbers(e.iter().find(|e| e.tag == 279).unwrap(), 10)
                    .unwrap();
                let total: u32 = counts.iter().sum();
                assert_eq!(total, 40 * 30);
                for (o, c) in offs.iter().zip(&counts) {
                    assert!(one[*o as usize..(*o + *c) as usize]
                        .iter()
                        .all(|&b| b == i as u8));
                }
            }
        }
    }

    #[test]
    fn corrupt_tiffs_fail_fast() {
        let file = tiff(2, 40, 30, 2);
        // Truncated in the middle of the second page's pixels.
        let cut = &file[..file.len() - 500];
        assert!(tiff_page(cut, 0).is_ok());
        assert!(matches!(tiff_page(cut, 1), Err(HeaderError::Corrupt(_))));
        // Cut inside the second page's directory: the first page is still there.
        let two = tiff(2, 40, 30, 1);
        let (pages, cut) = probe_pages(&two[..two.len() - 40 * 30 - 30], 10).unwrap();
        assert_eq!(pages.len(), 1);
        assert!(cut.is_some_and(|why| why.contains("sau trang 1")));
        // An IFD chain that loops back to itself.
        let mut looped = tiff(1, 4, 4, 1);
        let next_at = 8 + 2 + 12 * 9;
        looped[next_at..next_at + 4].copy_from_slice(&8u32.to_le_bytes());
        assert!(matches!(probe(&looped, 100), Err(HeaderError::Corrupt(_))));
        // Garbage after a valid header.
        let mut garbage = b"II*\0".to_vec();
        garbage.extend_from_slice(&0xffff_fff0u32.to_le_bytes());
        assert!(matches!(probe(&garbage, 100), Err(HeaderError::Corrupt(_))));
        assert_eq!(
            probe(&tiff(5, 4, 4, 1), 3),
            Err(HeaderError::TooManyPages(4))
        );
    }

    #[test]
    fn pnm_read_as_gray() {
        let pgm = b"P5\n# c\n3 2\n255\n\x00\x80\xff\x10\x20\x30";
        let g = gray_from_pnm(pgm).unwrap();
        assert_eq!((g.width, g.height), (3, 2));
        assert_eq!(g.pixels, vec![0, 0x80, 0xff, 0x10, 0x20, 0x30]);
        let pbm = b"P4\n10 1\n\xc0\x40";
        assert_eq!(
            gray_from_pnm(pbm).unwrap().pixels,
            vec![0, 0, 255, 255, 255, 255, 255, 255, 255, 0]
        );
        let ppm = b"P6 1 1 255 \xff\xff\xff";
        assert_eq!(gray_from_pnm(ppm).unwrap().pixels, vec![255]);
        assert!(gray_from_pnm(b"P5\n3 2\n255\n\x00").is_err());
        assert!(gray_from_pnm(b"P5\n99999 2\n255\n").is_err());
    }

    #[test]
    fn blank_pages_and_downscale() {
        let mut g = Gray {
            width: 200,
            height: 300,
            pixels: Cow::Owned(vec![255; 200 * 300]),
        };
        assert!(g.is_blank());
        // A dark scanner edge does not count.
        for y in 0..300 {
            g.pixels.to_mut()[y * 200] = 0;
        }
        assert!(g.is_blank());
        // A line of text does.
        for x in 20..180 {
            for y in 100..105 {
                g.pixels.to_mut()[y * 200 + x] = 0;
            }
        }
        assert!(!g.is_blank());
        let half = g.downscale(2);
        assert_eq!((half.width, half.height), (100, 150));
        assert_eq!(half.pixels[51 * 100 + 50], 0);
        assert_eq!(half.pixels[10 * 100 + 50], 255);
        let png = half.to_png();
        assert!(png.starts_with(b"\x89PNG"));
        let tiff = half.to_tiff(150);
        let p = probe(&tiff, 1).unwrap();
        assert_eq!((p[0].width, p[0].height, p[0].dpi), (100, 150, Some(150.0)));
        assert_eq!(&tiff[tiff.len() - 100 * 150..], &half.pixels[..]);
        let p = probe(&png, 1).unwrap();
        assert_eq!((p[0].width, p[0].height), (100, 150));
    }
}
