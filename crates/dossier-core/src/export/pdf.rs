//! The evidence index report as a PDF: the same content as the HTML report, laid out on A4
//! pages with an embedded font (Noto Sans, shipped in `assets/fonts`), so any PDF reader —
//! and `pdftotext` — shows the same text on any machine.
//!
//! Layout and painting are separate: `layout` turns the report into pages of positioned
//! text and boxes; `paint` draws them with krilla.

use super::report::{status_label, Report};
use super::ExportError;
use crate::coverage::ControlStatus;
use crate::freshness::format_time;
use crate::prerequisites::PrerequisiteState;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::text::{Font, TextDirection};
use krilla::Document;
use rustybuzz::ttf_parser;

static REGULAR: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");
static BOLD: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf");

const PAGE_W: f32 = 595.0;
const PAGE_H: f32 = 842.0;
const MARGIN: f32 = 50.0;
const BOTTOM: f32 = PAGE_H - MARGIN - 20.0;

type Colour = (u8, u8, u8);
const INK: Colour = (0x1f, 0x23, 0x28);
const MUTED: Colour = (0x57, 0x60, 0x6a);
const OK: Colour = (0x1a, 0x7f, 0x37);
const WARN: Colour = (0x9a, 0x67, 0x00);
const BAD: Colour = (0xcf, 0x22, 0x2e);
const TRACK: Colour = (0xea, 0xee, 0xf2);

/// Something placed on a page; `y` is the text baseline or the box top, from the top.
#[derive(Debug, Clone, PartialEq)]
enum Op {
    Text {
        x: f32,
        y: f32,
        size: f32,
        bold: bool,
        colour: Colour,
        text: String,
    },
    Box {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: Colour,
    },
}

pub fn render(report: &Report) -> Result<Vec<u8>, ExportError> {
    let fonts =
        Fonts::load().ok_or_else(|| ExportError::Pdf("the bundled font is unreadable".into()))?;
    let pages = layout(report, &fonts);
    paint(report, &pages, &fonts)
}

struct Fonts {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
}

impl Fonts {
    fn load() -> Option<Self> {
        Some(Self {
            regular: ttf_parser::Face::parse(REGULAR, 0).ok()?,
            bold: ttf_parser::Face::parse(BOLD, 0).ok()?,
        })
    }

    /// Width of `text` at `size` points, from the font's advances.
    fn width(&self, text: &str, size: f32, bold: bool) -> f32 {
        let face = if bold { &self.bold } else { &self.regular };
        let units: u32 = text
            .chars()
            .map(|c| {
                let glyph = face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
                u32::from(face.glyph_hor_advance(glyph).unwrap_or(0))
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }
}

/// Flows lines down pages.
struct Flow<'a> {
    fonts: &'a Fonts,
    pages: Vec<Vec<Op>>,
    y: f32,
}

impl<'a> Flow<'a> {
    fn new(fonts: &'a Fonts) -> Self {
        Self {
            fonts,
            pages: vec![Vec::new()],
            y: MARGIN,
        }
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Starts a new page unless `height` more points fit on this one.
    fn room(&mut self, height: f32) {
        if self.y + height > BOTTOM {
            self.pages.push(Vec::new());
            self.y = MARGIN;
        }
    }

    fn gap(&mut self, points: f32) {
        self.y += points;
    }

    /// Wrapped text from `x` to the right margin.
    fn text(&mut self, x: f32, text: &str, size: f32, bold: bool, colour: Colour) {
        self.lines(x, text, size, bold, colour, None);
    }

    /// Wrapped text with a square mark in the margin of its first line.
    fn bullet(&mut self, x: f32, text: &str, size: f32, mark: Colour) {
        self.lines(x + 12.0, text, size, false, INK, Some((x, mark)));
    }

    fn lines(
        &mut self,
        x: f32,
        text: &str,
        size: f32,
        bold: bool,
        colour: Colour,
        mut mark: Option<(f32, Colour)>,
    ) {
        let width = PAGE_W - MARGIN - x;
        for line in wrap(self.fonts, text, size, bold, width) {
            let leading = size * 1.35;
            self.room(leading);
            self.y += leading;
            let y = self.y - size * 0.3;
            if let Some((mx, mcolour)) = mark.take() {
                self.page().push(Op::Box {
                    x: mx,
                    y: y - size * 0.6,
                    w: size * 0.55,
                    h: size * 0.55,
                    colour: mcolour,
                });
            }
            self.page().push(Op::Text {
                x,
                y,
                size,
                bold,
                colour,
                text: line,
            });
        }
    }

    /// One line of runs side by side (e.g. a title and its status), not wrapped.
    fn runs(&mut self, x: f32, size: f32, runs: &[(&str, bool, Colour)]) {
        let leading = size * 1.4;
        self.room(leading);
        self.y += leading;
        let y = self.y - size * 0.3;
        let mut x = x;
        for (text, bold, colour) in runs {
            let text = fit(self.fonts, text, size, *bold, PAGE_W - MARGIN - x);
            let w = self.fonts.width(&text, size, *bold);
            self.page().push(Op::Text {
                x,
                y,
                size,
                bold: *bold,
                colour: *colour,
                text,
            });
            x += w + size * 0.5;
        }
    }

    fn heading(&mut self, text: &str, size: f32) {
        self.room(size * 4.0);
        self.gap(size * 0.8);
        self.text(MARGIN, text, size, true, INK);
        self.gap(2.0);
    }
}

/// Greedy word wrap; a word longer than the line (a long path) is broken by characters.
fn wrap(fonts: &Fonts, text: &str, size: f32, bold: bool, width: f32) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.lines() {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if fonts.width(&candidate, size, bold) <= width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            let mut rest = word.to_string();
            while fonts.width(&rest, size, bold) > width {
                let head = fit(fonts, &rest, size, bold, width);
                if head.is_empty() {
                    break;
                }
                rest = rest[head.len()..].to_string();
                lines.push(head);
            }
            line = rest;
        }
        lines.push(line);
    }
    lines
}

/// The longest prefix of `text` (whole characters) that fits in `width`.
fn fit(fonts: &Fonts, text: &str, size: f32, bold: bool, width: f32) -> String {
    let mut out = String::new();
    for c in text.chars() {
        out.push(c);
        if fonts.width(&out, size, bold) > width {
            out.pop();
            break;
        }
    }
    out
}

fn status_colour(status: ControlStatus) -> Colour {
    match status {
        ControlStatus::Covered => OK,
        ControlStatus::Partial => WARN,
        ControlStatus::Gap => BAD,
        ControlStatus::Waived | ControlStatus::NotApplicable => MUTED,
    }
}

fn layout(r: &Report, fonts: &Fonts) -> Vec<Vec<Op>> {
    let mut f = Flow::new(fonts);
    let c = &r.coverage;
    f.text(
        MARGIN,
        &format!("{} — evidence index", r.name),
        18.0,
        true,
        INK,
    );
    f.text(
        MARGIN,
        &format!(
            "Version {} · generated {} by Dossier",
            r.version,
            format_time(r.generated_at)
        ),
        9.0,
        false,
        MUTED,
    );
    f.gap(6.0);
    f.text(MARGIN, &format!("{:.0}% ready", r.percent), 13.0, true, INK);
    f.gap(4.0);
    let bar = 300.0;
    let filled = bar * (r.percent.clamp(0.0, 100.0) as f32) / 100.0;
    let y = f.y;
    f.page().push(Op::Box {
        x: MARGIN,
        y,
        w: bar,
        h: 7.0,
        colour: TRACK,
    });
    f.page().push(Op::Box {
        x: MARGIN,
        y,
        w: filled,
        h: 7.0,
        colour: OK,
    });
    f.gap(8.0);
    f.text(
        MARGIN,
        &format!(
            "{} covered · {} partial · {} gaps · {} waived · {} not applicable — {} controls",
            c.covered,
            c.partial,
            c.gap,
            c.waived,
            c.not_applicable,
            r.controls.len()
        ),
        10.0,
        false,
        INK,
    );

    if let Some(s) = &r.session {
        f.heading("Validation session", 13.0);
        f.text(
            MARGIN,
            &format!(
                "Started {} · planned {} min · {} of {} controls recorded",
                format_time(s.started_at),
                s.planned_minutes,
                s.pace.recorded,
                s.pace.controls
            ),
            10.0,
            false,
            INK,
        );
        if !s.follow_ups.is_empty() {
            f.gap(4.0);
            f.text(MARGIN, "Action list", 10.5, true, INK);
            for a in &s.follow_ups {
                let title = r.title_of(&a.control);
                f.text(
                    MARGIN + 10.0,
                    &format!("{} {title}", a.control),
                    10.0,
                    true,
                    WARN,
                );
                if let Some(note) = &a.note {
                    f.text(MARGIN + 20.0, note, 9.5, false, INK);
                }
            }
        }
    }

    f.heading("Gaps", 13.0);
    let open = r.open_controls();
    if open.is_empty() {
        f.text(
            MARGIN,
            "Every required control has its evidence.",
            10.0,
            false,
            INK,
        );
    }
    for c in open {
        let cov = &c.coverage;
        f.runs(
            MARGIN,
            10.0,
            &[
                (&cov.id, true, INK),
                (status_label(cov.status), true, status_colour(cov.status)),
                (&cov.title, false, INK),
            ],
        );
        for m in &cov.missing_items {
            f.text(MARGIN + 14.0, m, 9.0, false, MUTED);
        }
    }

    if !r.not_copied.is_empty() {
        f.heading("Not in this pack", 13.0);
        f.text(
            MARGIN,
            "These tagged files were not copied into the pack:",
            10.0,
            false,
            INK,
        );
        for n in &r.not_copied {
            f.text(MARGIN + 10.0, &n.path, 10.0, true, BAD);
            f.text(MARGIN + 20.0, &n.reason, 9.5, false, INK);
        }
    }

    if !r.waivers.is_empty() {
        f.heading("Waivers", 13.0);
        for w in &r.waivers {
            let reference = w
                .reference
                .as_deref()
                .map(|x| format!(" ({x})"))
                .unwrap_or_default();
            f.text(
                MARGIN,
                &format!(
                    "{}: {}{reference}",
                    w.kind.as_str().to_uppercase(),
                    w.reason
                ),
                10.0,
                false,
                INK,
            );
        }
    }

    if !r.prerequisites.is_empty() {
        f.heading("Prerequisites", 13.0);
        for p in &r.prerequisites {
            let (state, colour) = match p.state {
                PrerequisiteState::Met => ("Met", OK),
                PrerequisiteState::NotMet => ("Not met", BAD),
                PrerequisiteState::Unknown => ("Not recorded", MUTED),
            };
            f.runs(
                MARGIN,
                10.0,
                &[
                    (&p.id, true, INK),
                    (state, true, colour),
                    (&p.title, false, INK),
                ],
            );
            if let Some(v) = &p.value {
                f.text(MARGIN + 14.0, v, 9.0, false, MUTED);
            }
        }
    }

    let mut section = None;
    for c in &r.controls {
        let cov = &c.coverage;
        if section != Some(&cov.section) {
            f.pages.push(Vec::new());
            f.y = MARGIN;
            let percent = r
                .coverage
                .sections
                .iter()
                .find(|s| s.title == cov.section)
                .map(|s| format!(" — {:.0}%", s.percent))
                .unwrap_or_default();
            f.text(
                MARGIN,
                &format!("{}{percent}", cov.section),
                15.0,
                true,
                INK,
            );
            section = Some(&cov.section);
        }
        f.room(60.0);
        f.gap(8.0);
        f.runs(
            MARGIN,
            11.5,
            &[
                (&cov.id, true, INK),
                (status_label(cov.status), true, status_colour(cov.status)),
            ],
        );
        f.text(MARGIN, &cov.title, 11.0, true, INK);
        f.text(MARGIN, &cov.category, 8.5, false, MUTED);
        if !c.requirement.is_empty() {
            f.text(MARGIN, &c.requirement, 8.5, false, MUTED);
        }
        if let Some(reason) = &cov.exempt_reason {
            f.text(
                MARGIN,
                &format!("{}: {reason}", status_label(cov.status)),
                9.5,
                false,
                INK,
            );
        }
        for item in &cov.items {
            let text = format!("{}. {}", item.number, item.text);
            f.bullet(MARGIN, &text, 9.5, if item.covered { OK } else { BAD });
            for file in &item.files {
                f.text(MARGIN + 24.0, file, 8.5, false, OK);
            }
            if let Some(a) = &item.attestation {
                f.text(
                    MARGIN + 24.0,
                    &format!("presented by {}", a.presenter),
                    8.5,
                    false,
                    OK,
                );
            }
        }
        if cov.items.is_empty() {
            for file in &cov.files {
                f.text(MARGIN + 12.0, file, 8.5, false, OK);
            }
        }
        for m in &cov.missing_files {
            f.text(
                MARGIN + 12.0,
                &format!("Missing from the folder: {m}"),
                8.5,
                false,
                BAD,
            );
        }
        if let Some(o) = &c.outcome {
            let note = o
                .note
                .as_deref()
                .map(|n| format!(" — {n}"))
                .unwrap_or_default();
            f.text(
                MARGIN,
                &format!(
                    "Reviewer: {}{note} ({})",
                    o.outcome.label(),
                    format_time(o.recorded_at)
                ),
                9.5,
                true,
                match o.outcome {
                    crate::session::Outcome::Met => OK,
                    crate::session::Outcome::NotMet => BAD,
                    crate::session::Outcome::FollowUp => WARN,
                },
            );
        }
    }
    if !r.coverage.retired.is_empty() {
        f.heading("No longer in this version", 13.0);
        for c in &r.coverage.retired {
            f.text(
                MARGIN,
                &format!("{} {} (in {})", c.id, c.title, c.version),
                10.0,
                true,
                INK,
            );
            for file in &c.files {
                f.text(MARGIN + 12.0, file, 8.5, false, MUTED);
            }
            for m in &c.missing_files {
                let line = format!("Missing from the folder: {m}");
                f.text(MARGIN + 12.0, &line, 8.5, false, BAD);
            }
        }
    }
    f.pages.retain(|p| !p.is_empty());
    f.pages
}

fn paint(r: &Report, pages: &[Vec<Op>], fonts: &Fonts) -> Result<Vec<u8>, ExportError> {
    let regular = Font::new(REGULAR.into(), 0);
    let bold = Font::new(BOLD.into(), 0);
    let (Some(regular), Some(bold)) = (regular, bold) else {
        return Err(ExportError::Pdf("the bundled font is unreadable".into()));
    };
    let mut doc = Document::new();
    doc.set_metadata(
        Metadata::new()
            .title(format!("{} — evidence index", r.name))
            .creator("Dossier".to_string()),
    );
    let total = pages.len();
    for (n, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H)
            .ok_or_else(|| ExportError::Pdf("bad page size".into()))?;
        let mut page = doc.start_page_with(settings);
        let mut surface = page.surface();
        let footer = format!("{} — page {} of {total}", r.name, n + 1);
        let footer_op = Op::Text {
            x: MARGIN,
            y: PAGE_H - MARGIN + 10.0,
            size: 8.0,
            bold: false,
            colour: MUTED,
            text: fit(fonts, &footer, 8.0, false, PAGE_W - 2.0 * MARGIN),
        };
        for op in ops.iter().chain(std::iter::once(&footer_op)) {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    bold: b,
                    colour,
                    text,
                } => {
                    surface.set_fill(Some(fill(*colour)));
                    let font = if *b { bold.clone() } else { regular.clone() };
                    surface.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                }
                Op::Box { x, y, w, h, colour } => {
                    let Some(rect) = Rect::from_xywh(*x, *y, w.max(0.1), *h) else {
                        continue;
                    };
                    let mut path = PathBuilder::new();
                    path.push_rect(rect);
                    if let Some(path) = path.finish() {
                        surface.set_fill(Some(fill(*colour)));
                        surface.draw_path(&path);
                    }
                }
            }
        }
        surface.finish();
        page.finish();
    }
    doc.finish().map_err(|e| ExportError::Pdf(format!("{e:?}")))
}

fn fill((r, g, b): Colour) -> Fill {
    Fill {
        paint: rgb::Color::new(r, g, b).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_inside_the_margins_and_long_paths_break() {
        let fonts = Fonts::load().unwrap();
        let text = "Documentation of change management practices including a runbook. ".repeat(8);
        let lines = wrap(&fonts, &text, 10.0, false, 300.0);
        assert!(lines.len() > 3);
        assert!(lines.iter().all(|l| fonts.width(l, 10.0, false) <= 300.0));
        let path = "Customers/".repeat(40);
        let broken = wrap(&fonts, &path, 9.0, false, 200.0);
        assert!(broken.len() > 2);
        assert_eq!(broken.concat(), path);
    }
}
