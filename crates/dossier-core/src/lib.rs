//! Dossier's engine, with no GUI dependency: the desktop app and the `dossier` CLI both
//! drive it, and every behaviour is tested through it.

pub mod api;
pub mod attestations;
pub mod catalog;
pub mod coverage;
pub mod events;
pub mod evidence;
pub mod examples;
pub mod exemptions;
pub mod export;
pub mod extract;
pub mod freshness;
pub mod import;
pub mod prerequisites;
pub mod preview;
pub mod readiness;
pub mod search;
pub mod session;
pub mod store;
pub mod suggest;
pub mod tags;
pub mod watch;

pub use api::{Dossier, Error, FileEntry, FileQuery, TagChange};
