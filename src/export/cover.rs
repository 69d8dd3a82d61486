//! The generated cover of a book: a plain printed-cover design (dark red field, a gold frame,
//! the compiling body at the top, the title in large capitals, the period it covers, the place
//! and year at the foot), drawn in-process with DejaVu Serif through `ab_glyph` and written as
//! an RGB PNG. The same book always gives the same bytes.

use ab_glyph::{Font, FontVec, PxScale, ScaleFont};

use super::ExportError;

/// Cover size in pixels: the 2:3 of a printed book, sharp on a phone (44 KB of PNG for the
/// sample history).
pub const WIDTH: usize = 800;
pub const HEIGHT: usize = 1200;

const FIELD: [u8; 3] = [0x8c, 0x1c, 0x1c];
const GOLD: [u8; 3] = [0xf0, 0xcf, 0x6a];
const CREAM: [u8; 3] = [0xfb, 0xf3, 0xdc];
const MARGIN: usize = 48;

/// What a cover shows; empty fields are left out.
#[derive(Debug, Clone, Default)]
pub struct CoverText<'a> {
    /// The compiling body (`Ban Chấp hành Đảng bộ xã Đồng Tiến`).
    pub body: Option<&'a str>,
    /// The title without the period (`Lịch sử Đảng bộ xã Đồng Tiến`).
    pub title: &'a str,
    /// `1945 – 2020`.
    pub period: Option<&'a str>,
    /// `Tập I`.
    pub volume: Option<&'a str>,
    /// The place the book is about (`xã Đồng Tiến, huyện Bắc Quang, tỉnh Hà Giang`).
    pub place: Option<&'a str>,
    /// The foot: place and year of publication (`Hà Giang – 2021`).
    pub imprint: Option<&'a str>,
}

struct Canvas {
    pixels: Vec<[u8; 3]>,
}

impl Canvas {
    fn new() -> Canvas {
        Canvas {
            pixels: vec![FIELD; WIDTH * HEIGHT],
        }
    }

    fn fill(&mut self, x0: usize, y0: usize, x1: usize, y1: usize, color: [u8; 3]) {
        for y in y0..y1.min(HEIGHT) {
            for x in x0..x1.min(WIDTH) {
                self.pixels[y * WIDTH + x] = color;
            }
        }
    }

    /// A frame `width` pixels thick, `inset` from the edges.
    fn frame(&mut self, inset: usize, width: usize, color: [u8; 3]) {
        let (r, b) = (WIDTH - inset, HEIGHT - inset);
        self.fill(inset, inset, r, inset + width, color);
        self.fill(inset, b - width, r, b, color);
        self.fill(inset, inset, inset + width, b, color);
        self.fill(r - width, inset, r, b, color);
    }

    fn blend(&mut self, x: i32, y: i32, coverage: f32, color: [u8; 3]) {
        if x < 0 || y < 0 || x as usize >= WIDTH || y as usize >= HEIGHT {
            return;
        }
        let a = coverage.clamp(0.0, 1.0);
        let p = &mut self.pixels[y as usize * WIDTH + x as usize];
        for c in 0..3 {
            p[c] = (p[c] as f32 * (1.0 - a) + color[c] as f32 * a).round() as u8;
        }
    }

    /// `text` centred on the page with its baseline at `baseline`.
    fn centred(&mut self, font: &FontVec, size: f32, baseline: f32, text: &str, color: [u8; 3]) {
        let scaled = font.as_scaled(PxScale::from(size));
        let mut x = (WIDTH as f32 - width(font, size, text)) / 2.0;
        let mut previous = None;
        for c in text.chars() {
            let id = scaled.glyph_id(c);
            if let Some(p) = previous {
                x += scaled.kern(p, id);
            }
            let glyph = id.with_scale_and_position(size, ab_glyph::point(x, baseline));
            if let Some(outline) = font.outline_glyph(glyph) {
                let bounds = outline.px_bounds();
                outline.draw(|gx, gy, coverage| {
                    self.blend(
                        bounds.min.x as i32 + gx as i32,
                        bounds.min.y as i32 + gy as i32,
                        coverage,
                        color,
                    );
                });
            }
            x += scaled.h_advance(id);
            previous = Some(id);
        }
    }

    fn png(&self) -> Vec<u8> {
        let mut raw = Vec::with_capacity((WIDTH * 3 + 1) * HEIGHT);
        for row in self.pixels.chunks(WIDTH) {
            raw.push(0); // filter: none
            for p in row {
                raw.extend_from_slice(p);
            }
        }
        // 8-bit RGB.
        crate::extract::image::encode_png(
            WIDTH as u32,
            HEIGHT as u32,
            8,
            2,
            &raw,
            flate2::Compression::best(),
        )
    }
}

fn width(font: &FontVec, size: f32, text: &str) -> f32 {
    let scaled = font.as_scaled(PxScale::from(size));
    let mut w = 0.0;
    let mut previous = None;
    for c in text.chars() {
        let id = scaled.glyph_id(c);
        if let Some(p) = previous {
            w += scaled.kern(p, id);
        }
        w += scaled.h_advance(id);
        previous = Some(id);
    }
    w
}

/// Words of `text` in lines no wider than `max` pixels (a word wider than a line stands alone).
fn wrap(font: &FontVec, size: f32, text: &str, max: f32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if !line.is_empty() && width(font, size, &candidate) > max {
            lines.push(std::mem::replace(&mut line, word.to_string()));
        } else {
            line = candidate;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The largest size from `sizes` at which `text` fits `max_lines` lines; the last size otherwise
/// (and then at most `max_lines` lines, the last one ending in `…`).
fn fit(font: &FontVec, text: &str, sizes: &[f32], max_lines: usize) -> (f32, Vec<String>) {
    let inner = (WIDTH - 2 * (MARGIN + 40)) as f32;
    for &size in sizes {
        let lines = wrap(font, size, text, inner);
        if lines.len() <= max_lines {
            return (size, lines);
        }
    }
    let size = *sizes.last().unwrap_or(&32.0);
    let mut lines = wrap(font, size, text, inner);
    if lines.len() > max_lines {
        lines.truncate(max_lines);
        if let Some(last) = lines.last_mut() {
            last.push_str(" …");
        }
    }
    (size, lines)
}

/// Loads DejaVu Serif (regular and bold).
fn fonts() -> Result<(FontVec, FontVec), ExportError> {
    let load = |name: &str| {
        crate::bench::scans::load_font(name).map_err(|e| ExportError::Cover(e.to_string()))
    };
    Ok((load("DejaVuSerif.ttf")?, load("DejaVuSerif-Bold.ttf")?))
}

/// The cover of a book as a PNG.
pub fn render_cover(text: &CoverText) -> Result<Vec<u8>, ExportError> {
    let (regular, bold) = fonts()?;
    let mut canvas = Canvas::new();
    canvas.frame(MARGIN, 6, GOLD);
    canvas.frame(MARGIN + 14, 2, GOLD);
    let present = |s: Option<&str>| {
        s.map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };

    let mut y = 170.0;
    if let Some(body) = present(text.body) {
        let (size, lines) = fit(&regular, &body.to_uppercase(), &[30.0, 26.0, 22.0], 3);
        for line in lines {
            canvas.centred(&regular, size, y, &line, CREAM);
            y += size * 1.35;
        }
    }
    // The title sits in the upper-middle of the cover, however long the body's name.
    let title = text.title.trim().to_uppercase();
    let (size, lines) = fit(&bold, &title, &[64.0, 56.0, 48.0, 40.0, 34.0], 6);
    let block = lines.len() as f32 * size * 1.3;
    let mut y = (430.0 - block / 2.0).max(y + 70.0) + size;
    canvas.fill(
        WIDTH / 2 - 60,
        (y - size - 50.0) as usize,
        WIDTH / 2 + 60,
        (y - size - 46.0) as usize,
        GOLD,
    );
    for line in lines {
        canvas.centred(&bold, size, y, &line, GOLD);
        y += size * 1.3;
    }
    if let Some(period) = present(text.period) {
        y += 24.0;
        canvas.centred(&bold, 44.0, y, &format!("({period})"), GOLD);
        y += 44.0 * 1.4;
    }
    if let Some(volume) = present(text.volume) {
        canvas.centred(&regular, 36.0, y + 10.0, &volume.to_uppercase(), CREAM);
        y += 36.0 * 1.5;
    }
    if let Some(place) = present(text.place) {
        let (size, lines) = fit(&regular, &place, &[30.0, 26.0, 22.0], 3);
        y += 40.0;
        for line in lines {
            canvas.centred(&regular, size, y, &line, CREAM);
            y += size * 1.35;
        }
    }
    let _ = y;
    if let Some(imprint) = present(text.imprint) {
        let (size, lines) = fit(&regular, &imprint.to_uppercase(), &[28.0, 24.0], 2);
        let mut y = HEIGHT as f32 - 130.0 - (lines.len() as f32 - 1.0) * size * 1.35;
        for line in lines {
            canvas.centred(&regular, size, y, &line, CREAM);
            y += size * 1.35;
        }
    }
    Ok(canvas.png())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cover_is_a_deterministic_png_of_the_right_size() {
        let text = CoverText {
            body: Some("Ban Chấp hành Đảng bộ xã Đồng Tiến"),
            title: "Lịch sử Đảng bộ xã Đồng Tiến",
            period: Some("1945 – 2020"),
            volume: None,
            place: Some("xã Đồng Tiến, huyện Bắc Quang, tỉnh Hà Giang"),
            imprint: Some("Hà Giang – 2021"),
        };
        let png = render_cover(&text).expect("DejaVu is installed (fonts-dejavu-core)");
        assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
        assert_eq!(&png[16..24], &[0, 0, 3, 32, 0, 0, 4, 176]);
        assert!(png.len() < 200_000, "{} bytes", png.len());
        assert_eq!(png, render_cover(&text).unwrap());
        // Text was drawn: the cover is not just the field and the frame.
        let other = render_cover(&CoverText {
            title: "Lịch sử Đảng bộ huyện Vị Xuyên",
            ..text.clone()
        })
        .unwrap();
        assert_ne!(png, other);
    }

    #[test]
    fn a_very_long_title_still_fits() {
        let long = "Lịch sử ".repeat(60);
        let png = render_cover(&CoverText {
            title: &long,
            ..CoverText::default()
        })
        .unwrap();
        assert_eq!(&png[12..16], b"IHDR");
    }
}
