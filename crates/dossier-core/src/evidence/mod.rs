//! The evidence index: walking the folder, identifying files, keeping their tags.

pub mod identity;
pub mod index;
pub mod kind;
pub mod reconcile;
pub mod residency;
pub mod root;
pub mod scan;
pub mod status;
pub mod walk;
