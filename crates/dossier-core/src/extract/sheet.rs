//! Spreadsheets (XLSX, XLSM, XLS, ODS) via calamine: sheet names and every
//! non-empty cell as text, a line per row.

use super::archive::Package;
use super::ExtractError;
use calamine::{open_workbook_auto, Data, Reader, SheetType};
use std::path::Path;

pub(super) fn extract(path: &Path) -> Result<String, ExtractError> {
    let is_zip = !path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("xls"));
    if is_zip {
        // calamine inflates the parts itself, so check the zip-bomb budget first.
        Package::open(path, "spreadsheet")?.ensure_xml_fits()?;
    }
    let mut workbook = open_workbook_auto(path).map_err(|error| unreadable(&error))?;
    let mut text = String::new();
    for sheet in workbook.sheets_metadata().to_vec() {
        text.push_str(&sheet.name);
        text.push('\n');
        // Chart and macro sheets have a name worth finding but no cells.
        if sheet.typ != SheetType::WorkSheet {
            continue;
        }
        let range = workbook
            .worksheet_range(&sheet.name)
            .map_err(|error| unreadable(&error))?;
        for row in range.rows() {
            let cells: Vec<String> = row
                .iter()
                .filter(|cell| **cell != Data::Empty)
                .map(Data::to_string)
                .collect();
            text.push_str(&cells.join(" "));
            text.push('\n');
        }
    }
    Ok(text)
}

fn unreadable(error: &calamine::Error) -> ExtractError {
    ExtractError::unreadable("not a valid spreadsheet", error)
}

#[cfg(test)]
mod tests {
    use crate::evidence::kind::FileKind;
    use crate::extract::{extract, ExtractError};

    #[test]
    fn xlsx_sheet_name_and_cells_round_trip() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("costs.xlsx");
        let rows: &[&[&str]] = &[
            &["Service", "Monthly cost"],
            &["Amazon EC2", "1234.5"],
            &["", "ﬁnancial total"],
        ];
        dossier_fixtures::write_xlsx(&path, rows).unwrap();
        assert_eq!(
            extract(&path, FileKind::Spreadsheet).unwrap(),
            "Evidence\nService Monthly cost\nAmazon EC2 1234.5\nfinancial total"
        );
    }

    #[test]
    fn csv_is_read_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("costs.csv");
        std::fs::write(&path, "service,cost\nAmazon S3,12\n").unwrap();
        assert_eq!(
            extract(&path, FileKind::Spreadsheet).unwrap(),
            "service,cost\nAmazon S3,12"
        );
    }

    #[test]
    fn a_damaged_workbook_is_unreadable() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("costs.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        zip.start_file("readme.txt", zip::write::SimpleFileOptions::default())
            .unwrap();
        zip.finish().unwrap();
        let error = extract(&path, FileKind::Spreadsheet).unwrap_err();
        assert!(
            matches!(&error, ExtractError::Unreadable { reason, .. } if reason == "not a valid spreadsheet"),
            "{error:?}"
        );
    }
}
