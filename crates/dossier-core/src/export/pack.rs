//! The evidence pack.
use super::{ExportError, ExportProgress, Report};
use crate::events::CancelToken;
use std::path::Path;

pub fn write_folder(
    _report: &Report,
    _out: &Path,
    _progress: &mut dyn FnMut(ExportProgress),
    _cancel: &CancelToken,
) -> Result<usize, ExportError> {
    todo!()
}

pub fn write_zip(
    _report: &Report,
    _out: &Path,
    _progress: &mut dyn FnMut(ExportProgress),
    _cancel: &CancelToken,
) -> Result<usize, ExportError> {
    todo!()
}
