//! The self-assessment spreadsheet for the partner team: one row per prerequisite and per
//! control in the checklist's order, with frozen header, filters, wrapped text and status
//! colours. Unlike the report, it carries the team's private notes.

use super::report::{status_label, Report, ReportControl};
use super::ExportError;
use crate::coverage::ControlStatus;
use crate::freshness::format_time;
use crate::prerequisites::PrerequisiteState;
use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};

/// The sheet's columns: header and width in characters.
pub const COLUMNS: [(&str, f64); 13] = [
    ("Type", 13.0),
    ("ID", 11.0),
    ("Title", 30.0),
    ("Section", 22.0),
    ("Requirement", 60.0),
    ("Status", 13.0),
    ("Evidence items", 50.0),
    ("Evidence files", 60.0),
    ("Customer examples", 30.0),
    ("Waiver / N-A reason", 30.0),
    ("Notes", 40.0),
    ("Session outcome", 16.0),
    ("Reviewer note", 40.0),
];

/// Excel refuses longer cells.
const MAX_CELL: usize = 32_000;

/// The workbook's bytes, for the caller to write into the file it created.
pub fn write(report: &Report) -> Result<Vec<u8>, ExportError> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    fill(sheet, report).map_err(|e| ExportError::Xlsx(e.to_string()))?;
    book.save_to_buffer()
        .map_err(|e| ExportError::Xlsx(e.to_string()))
}

fn fill(sheet: &mut Worksheet, report: &Report) -> Result<(), XlsxError> {
    sheet.set_name("Self-assessment")?;
    let header = Format::new()
        .set_bold()
        .set_background_color(Color::RGB(0x24_29_2F))
        .set_font_color(Color::White)
        .set_align(FormatAlign::Top);
    let cell = Format::new()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border_bottom(FormatBorder::Thin)
        .set_border_bottom_color(Color::RGB(0xD0_D7_DE));
    for (col, (title, width)) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(0, col as u16, *title, &header)?;
        sheet.set_column_width(col as u16, *width)?;
    }
    let mut row = 1u32;
    for p in &report.prerequisites {
        let (state, colour) = match p.state {
            PrerequisiteState::Met => ("Met", 0xDA_FB_E1),
            PrerequisiteState::NotMet => ("Not met", 0xFF_EB_E9),
            PrerequisiteState::Unknown => ("Not recorded", 0xEA_EE_F2),
        };
        let values = [
            "Prerequisite".to_string(),
            p.id.clone(),
            p.title.clone(),
            p.group.clone(),
            p.text.clone(),
            state.to_string(),
            String::new(),
            p.value.clone().unwrap_or_default(),
            String::new(),
            String::new(),
            p.note.clone().unwrap_or_default(),
            String::new(),
            String::new(),
        ];
        write_row(sheet, row, &values, &cell, colour)?;
        row += 1;
    }
    for c in &report.controls {
        write_row(
            sheet,
            row,
            &control_row(c),
            &cell,
            colour(c.coverage.status),
        )?;
        row += 1;
    }
    sheet.set_freeze_panes(1, 0)?;
    sheet.autofilter(0, 0, row.saturating_sub(1).max(1), COLUMNS.len() as u16 - 1)?;
    Ok(())
}

fn write_row(
    sheet: &mut Worksheet,
    row: u32,
    values: &[String],
    cell: &Format,
    status_colour: u32,
) -> Result<(), XlsxError> {
    for (col, value) in values.iter().enumerate() {
        let text: String = value.chars().take(MAX_CELL).collect();
        if col == STATUS_COLUMN {
            let status = cell
                .clone()
                .set_bold()
                .set_background_color(Color::RGB(status_colour));
            sheet.write_string_with_format(row, col as u16, text, &status)?;
        } else {
            sheet.write_string_with_format(row, col as u16, text, cell)?;
        }
    }
    Ok(())
}

const STATUS_COLUMN: usize = 5;

fn colour(status: ControlStatus) -> u32 {
    match status {
        ControlStatus::Covered => 0xDA_FB_E1,
        ControlStatus::Partial => 0xFF_F8_C5,
        ControlStatus::Gap => 0xFF_EB_E9,
        ControlStatus::Waived | ControlStatus::NotApplicable => 0xEA_EE_F2,
    }
}

fn control_row(c: &ReportControl) -> [String; 13] {
    let cov = &c.coverage;
    let items = cov
        .items
        .iter()
        .map(|i| {
            let mark = if i.covered { "✓" } else { "✗" };
            format!("{}. {mark} {}", i.number, i.text)
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut files: Vec<String> = Vec::new();
    for item in &cov.items {
        for f in &item.files {
            files.push(format!("#{}: {} ({f})", item.number, file_name(f)));
        }
        if let Some(a) = &item.attestation {
            files.push(format!("#{}: presented by {}", item.number, a.presenter));
        }
    }
    if cov.items.is_empty() {
        files.extend(cov.files.iter().map(|f| format!("{} ({f})", file_name(f))));
    }
    files.extend(
        cov.missing_files
            .iter()
            .map(|f| format!("MISSING: {} ({f})", file_name(f))),
    );
    let examples = cov
        .examples
        .as_ref()
        .map(|m| {
            let mut lines = vec![format!("{} of {} required", m.required, m.examples.len())];
            lines.extend(m.examples.iter().map(|e| {
                let shown = match e.files.len() {
                    0 => "no evidence".to_string(),
                    n => format!("{n} file(s)"),
                };
                let stale = if e.stale { " (deployment too old)" } else { "" };
                format!("{}: {shown}{stale}", e.example)
            }));
            lines.join("\n")
        })
        .unwrap_or_default();
    let notes = c
        .notes
        .iter()
        .map(|(file, note)| format!("{}: {note}", file_name(file)))
        .collect::<Vec<_>>()
        .join("\n");
    let (outcome, reviewer_note) = match &c.outcome {
        Some(o) => (
            format!("{} ({})", o.outcome.label(), format_time(o.recorded_at)),
            o.note.clone().unwrap_or_default(),
        ),
        None => (String::new(), String::new()),
    };
    [
        "Control".to_string(),
        cov.id.clone(),
        cov.title.clone(),
        cov.section.clone(),
        c.requirement.clone(),
        status_label(cov.status).to_string(),
        items,
        files.join("\n"),
        examples,
        cov.exempt_reason.clone().unwrap_or_default(),
        notes,
        outcome,
        reviewer_note,
    ]
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}
