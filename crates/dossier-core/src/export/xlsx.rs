//! The self-assessment spreadsheet.
use super::{ExportError, Report};
use std::path::Path;

pub fn write(_report: &Report, _out: &Path) -> Result<(), ExportError> {
    todo!()
}
