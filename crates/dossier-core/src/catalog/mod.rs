//! The checklist catalog: the built-in AWS validation checklists and their controls.

pub mod load;
pub mod model;
pub mod parse;

pub use load::{builtin, find, from_toml, to_toml, LoadError};
pub use model::*;
pub use parse::{parse, parse_bytes, ParseError};
