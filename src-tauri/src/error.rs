//! Errors as the UI receives them: a stable code to act on and a message to show.

use serde::Serialize;

#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct IpcError {
    /// Stable, e.g. `unknown_control`, `outside_folder`, `invalid_input`.
    pub code: String,
    pub message: String,
}

impl IpcError {
    pub fn new(code: &str, message: impl Into<String>) -> Self {
        Self {
            code: code.to_string(),
            message: message.into(),
        }
    }
}

impl From<dossier_core::Error> for IpcError {
    fn from(e: dossier_core::Error) -> Self {
        Self::new(e.code(), e.to_string())
    }
}

pub type IpcResult<T> = Result<T, IpcError>;
