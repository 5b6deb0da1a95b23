//! A worker's ties to the process that started it. A worker left spinning on a looping
//! PDF after its parent was killed would burn a core for ever, unseen, so it ends with
//! its parent, by three means:
//!
//! - on Linux, a parent-death signal: the kernel kills the worker the moment its parent
//!   dies, however it dies;
//! - everywhere (Windows included), a thread that ends the worker when its request pipe
//!   closes, which happens when the parent exits or dies and closes its end;
//! - on Unix, a CPU-time limit per request, so even a worker nobody watches cannot spin
//!   for ever, and a memory limit. On Windows the parent puts each worker in a Job Object
//!   instead (`job`): the system kills the worker when the parent dies, however it dies,
//!   and caps its memory; no CPU backstop is needed, since no worker outlives its parent.

use crossbeam_channel::Receiver;
use std::io;

/// Limits the parent sets for each worker. Read by the worker on Unix only: on Windows
/// the parent applies them to the worker's Job Object.
#[derive(Debug, Clone, Copy, Default)]
#[cfg_attr(not(unix), allow(dead_code))]
pub(super) struct Limits {
    /// Address-space limit, in bytes.
    pub memory_bytes: Option<u64>,
    /// CPU time one request may use before the kernel ends the worker.
    pub cpu_seconds_per_request: Option<u64>,
}

/// Asks the kernel to kill this process when its parent dies, then checks that the
/// parent is still `parent`: if it died before the request took effect, the worker
/// already belongs to another process and must not start.
pub(super) fn die_with_parent(parent: Option<u32>) {
    #[cfg(target_os = "linux")]
    {
        // SAFETY: PR_SET_PDEATHSIG takes a signal number and touches no memory of ours.
        // Best effort: the pipe watch below ends the worker as well.
        unsafe {
            libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL as libc::c_ulong);
        }
    }
    #[cfg(unix)]
    if parent.is_some_and(|p| std::os::unix::process::parent_id() != p) {
        std::process::exit(0);
    }
    #[cfg(not(unix))]
    let _ = parent;
}

/// Reads requests with `next` on a thread of its own and hands them over the returned
/// channel. When the input ends (the parent closed the pipe, or died and the system
/// closed it) or breaks, that thread ends the whole process at once: nobody will read
/// another answer, even if the main thread is deep in a file that never ends.
pub(super) fn requests_until_parent_leaves<T: Send + 'static>(
    mut next: impl FnMut() -> io::Result<Option<T>> + Send + 'static,
) -> io::Result<Receiver<T>> {
    let (tx, rx) = crossbeam_channel::unbounded();
    std::thread::Builder::new()
        .name("dossier-extract-requests".into())
        .spawn(move || loop {
            match next() {
                Ok(Some(request)) => {
                    if tx.send(request).is_err() {
                        return;
                    }
                }
                Ok(None) => std::process::exit(0),
                Err(_) => std::process::exit(1),
            }
        })?;
    Ok(rx)
}

/// Sets the memory limit, once, at start.
pub(super) fn limit_memory(limits: Limits) {
    #[cfg(unix)]
    if let Some(bytes) = limits.memory_bytes {
        // Best effort: a failed limit still leaves the parent's time limit in force.
        let _ = rlimit::setrlimit(rlimit::Resource::AS, bytes, bytes);
    }
    #[cfg(not(unix))]
    let _ = limits;
}

/// Lets the next request use at most its share of CPU time. The kernel counts CPU time
/// over the process's whole life, and a worker serves many files, so the limit moves
/// forward before each request; past it the kernel ends the process (SIGXCPU).
pub(super) fn limit_cpu_for_next_request(limits: Limits) {
    #[cfg(unix)]
    if let (Some(seconds), Some(used)) = (limits.cpu_seconds_per_request, cpu_seconds_used()) {
        let hard =
            rlimit::getrlimit(rlimit::Resource::CPU).map_or(rlimit::INFINITY, |(_, hard)| hard);
        let soft = used.saturating_add(seconds).min(hard);
        let _ = rlimit::setrlimit(rlimit::Resource::CPU, soft, hard);
    }
    #[cfg(not(unix))]
    let _ = limits;
}

/// CPU time (user and system) this process has used, rounded up to the second.
#[cfg(unix)]
fn cpu_seconds_used() -> Option<u64> {
    // SAFETY: getrusage only writes into the zeroed struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    if unsafe { libc::getrusage(libc::RUSAGE_SELF, &mut usage) } != 0 {
        return None;
    }
    let seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec;
    u64::try_from(seconds).ok().map(|s| s + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn requests_are_handed_over_in_order() {
        let mut queue = vec![Ok(Some(2)), Ok(Some(1))];
        let rx = requests_until_parent_leaves(move || {
            // Never reaching the end keeps the test process alive.
            queue.pop().unwrap_or_else(|| loop {
                std::thread::park();
            })
        })
        .unwrap();
        assert_eq!((rx.recv().unwrap(), rx.recv().unwrap()), (1, 2));
    }
}
