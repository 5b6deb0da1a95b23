//! The evidence index report as a PDF.
use super::{ExportError, Report};

pub fn render(_report: &Report) -> Result<Vec<u8>, ExportError> {
    todo!()
}
