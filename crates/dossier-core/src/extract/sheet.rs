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

    /// A workbook whose SpreadsheetML elements all carry `prefix` (`x:`, `s:`), as
    /// some non-Microsoft writers emit: a shared string in rich-text runs, an inline
    /// string and a number.
    fn write_prefixed_xlsx(path: &std::path::Path, prefix: &str) {
        use std::io::Write;
        let p = prefix;
        let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
        let relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        let types = "http://schemas.openxmlformats.org/package/2006/content-types";
        let parts = [
            (
                "[Content_Types].xml",
                format!(
                    r#"<Types xmlns="{types}"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/></Types>"#
                ),
            ),
            (
                "_rels/.rels",
                format!(
                    r#"<Relationships xmlns="{relationships}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/_rels/workbook.xml.rels",
                format!(
                    r#"<Relationships xmlns="{relationships}"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>"#
                ),
            ),
            (
                "xl/workbook.xml",
                format!(
                    r#"<{p}:workbook xmlns:{p}="{main}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><{p}:sheets><{p}:sheet name="Costs" sheetId="1" r:id="rId1"/></{p}:sheets></{p}:workbook>"#
                ),
            ),
            (
                "xl/sharedStrings.xml",
                format!(
                    r#"<{p}:sst xmlns:{p}="{main}" count="1" uniqueCount="1"><{p}:si><{p}:r><{p}:t>Amazon</{p}:t></{p}:r><{p}:r><{p}:t xml:space="preserve"> EC2</{p}:t></{p}:r></{p}:si></{p}:sst>"#
                ),
            ),
            (
                "xl/worksheets/sheet1.xml",
                format!(
                    r#"<{p}:worksheet xmlns:{p}="{main}"><{p}:sheetData><{p}:row r="1"><{p}:c r="A1" t="s"><{p}:v>0</{p}:v></{p}:c><{p}:c r="B1" t="inlineStr"><{p}:is><{p}:t>Frankfurt</{p}:t></{p}:is></{p}:c><{p}:c r="C1"><{p}:v>1234.5</{p}:v></{p}:c></{p}:row></{p}:sheetData></{p}:worksheet>"#
                ),
            ),
        ];
        let mut zip = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
        for (name, content) in parts {
            zip.start_file(name, zip::write::SimpleFileOptions::default())
                .unwrap();
            zip.write_all(content.as_bytes()).unwrap();
        }
        zip.finish().unwrap();
    }

    #[test]
    fn xlsx_cells_are_read_whatever_namespace_prefix_the_workbook_uses() {
        let dir = tempfile::tempdir().unwrap();
        for prefix in ["x", "s", "main"] {
            let path = dir.path().join(format!("costs-{prefix}.xlsx"));
            write_prefixed_xlsx(&path, prefix);
            assert_eq!(
                extract(&path, FileKind::Spreadsheet).unwrap(),
                "Costs\nAmazon EC2 Frankfurt 1234.5",
                "{prefix}:"
            );
        }
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
