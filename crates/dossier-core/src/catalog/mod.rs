//! The checklist catalog: the built-in AWS validation checklists and their controls.

pub mod model;

pub use model::*;
