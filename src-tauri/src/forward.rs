//! Index events travel to the window in batches: a cold scan of 10,000 files must not
//! mean 10,000 round trips into the webview.

use dossier_core::events::IndexEvent;
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tauri::{AppHandle, Emitter};

/// The event the UI listens to; its payload is `IndexEvent[]`.
pub const INDEX_EVENTS: &str = "index-events";
const BATCH_WINDOW: Duration = Duration::from_millis(100);

/// A sink for the core's events that forwards them to the window, batched.
pub fn to_window(app: AppHandle) -> Box<dyn FnMut(IndexEvent) + Send> {
    let (tx, rx) = mpsc::channel::<IndexEvent>();
    std::thread::spawn(move || {
        while let Ok(first) = rx.recv() {
            let mut batch = vec![first];
            let deadline = Instant::now() + BATCH_WINDOW;
            while let Some(left) = deadline.checked_duration_since(Instant::now()) {
                match rx.recv_timeout(left) {
                    Ok(e) => batch.push(e),
                    Err(mpsc::RecvTimeoutError::Timeout) => break,
                    Err(mpsc::RecvTimeoutError::Disconnected) => break,
                }
            }
            let _ = app.emit(INDEX_EVENTS, keep_last_progress(batch));
        }
    });
    Box::new(move |e| {
        let _ = tx.send(e);
    })
}

/// Only the newest progress report of a batch matters.
fn keep_last_progress(batch: Vec<IndexEvent>) -> Vec<IndexEvent> {
    let last = batch
        .iter()
        .rposition(|e| matches!(e, IndexEvent::Progress { .. }));
    batch
        .into_iter()
        .enumerate()
        .filter(|(i, e)| !matches!(e, IndexEvent::Progress { .. }) || Some(*i) == last)
        .map(|(_, e)| e)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_batch_keeps_every_change_and_only_the_newest_progress() {
        let progress = |done| IndexEvent::Progress {
            done,
            total: 9,
            current: String::new(),
        };
        let added = IndexEvent::FileAdded { path: "a".into() };
        let kept = keep_last_progress(vec![progress(1), added.clone(), progress(2)]);
        assert_eq!(kept, vec![added, progress(2)]);
    }
}
