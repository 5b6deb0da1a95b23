//! The checklist catalog: the built-in AWS validation checklists, the ones the user
//! imported, and their controls.

pub mod bounds;
pub mod diff;
pub mod findings;
pub mod html;
pub mod imported;
pub mod item;
pub mod load;
pub mod markdown;
pub mod model;
pub mod naming;
pub mod nesting;
pub mod parse;
pub mod source;

pub use item::EvidenceItem;
pub use load::{builtin, find, from_toml, to_toml, LoadError};
pub use model::*;
pub use parse::{parse, parse_bytes, ParseError};
