//! The evidence index report as one self-contained HTML file.
use super::Report;
use std::path::Path;

/// Where the report's file links point.
pub enum Links<'a> {
    /// A standalone report at this path: links climb to the evidence folder.
    ToFolder(&'a Path),
    /// Inside a pack: links to the copies in the control folders.
    ToPack,
}

pub fn render(_report: &Report, _links: &Links) -> String {
    todo!()
}
