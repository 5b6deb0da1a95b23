//! Extraction workers end with the process that started them: a worker spinning on a PDF
//! that makes pdf-extract loop must not outlive a `dossier scan` killed with SIGKILL, nor
//! a parent that closed its pipe. Linux only: the processes are found through /proc.
#![cfg(target_os = "linux")]

use dossier_core::evidence::kind::FileKind;
use dossier_core::evidence::status::FileStatus;
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::extract::worker::WORKER_ARG;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The fields of /proc/PID/stat after the command name: state, ppid, … (None once gone).
fn stat(pid: u32) -> Option<Vec<String>> {
    let text = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after_name = &text[text.rfind(')')? + 1..];
    Some(after_name.split_whitespace().map(str::to_owned).collect())
}

/// Whether `pid` still runs (a zombie waiting for its reaper has ended).
fn alive(pid: u32) -> bool {
    stat(pid).is_some_and(|fields| fields[0] != "Z")
}

/// CPU time `pid` has used, in clock ticks (utime + stime).
fn cpu_ticks(pid: u32) -> u64 {
    stat(pid).map_or(0, |f| {
        f[11].parse::<u64>().unwrap_or(0) + f[12].parse::<u64>().unwrap_or(0)
    })
}

/// The extraction workers `parent` started with `arg` among their arguments.
fn workers_of(parent: u32, arg: &str) -> Vec<u32> {
    std::fs::read_dir("/proc")
        .unwrap()
        .filter_map(|entry| entry.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter(|&pid| stat(pid).is_some_and(|f| f[1] == parent.to_string()))
        .filter(|&pid| {
            std::fs::read(format!("/proc/{pid}/cmdline")).is_ok_and(|cmd| {
                let args: Vec<&[u8]> = cmd.split(|&b| b == 0).collect();
                args.contains(&WORKER_ARG.as_bytes()) && args.contains(&arg.as_bytes())
            })
        })
        .collect()
}

/// Polls `check` until it gives a value or `limit` has passed.
fn wait_for<T>(limit: Duration, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let started = Instant::now();
    loop {
        if let Some(found) = check() {
            return Some(found);
        }
        if started.elapsed() > limit {
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// A worker that spins: it has used more than a fifth of a second of CPU time.
fn spinning(pids: &[u32]) -> bool {
    pids.iter().any(|&pid| cpu_ticks(pid) > 20)
}

/// Waits up to 5 s for every one of `workers` to end; kills the survivors (only those:
/// processes this test started) so a failure leaves nothing spinning.
fn all_end_within_5_s(workers: &[u32]) -> bool {
    let ended = wait_for(Duration::from_secs(5), || {
        workers.iter().all(|&pid| !alive(pid)).then_some(())
    })
    .is_some();
    for pid in workers.iter().filter(|&&pid| alive(pid)) {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
    }
    ended
}

#[test]
fn killing_a_scanning_parent_leaves_no_worker_spinning() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("evidence");
    std::fs::create_dir(&folder).unwrap();
    dossier_fixtures::write_parent_cycle_pdf(&folder.join("loops.pdf")).unwrap();
    let mut parent = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .env("DOSSIER_DB", dir.path().join("dossier.sqlite"))
        .arg("scan")
        .arg(&folder)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // The scan gives the file 20 s before killing its worker itself.
    let workers = wait_for(Duration::from_secs(15), || {
        let workers = workers_of(parent.id(), WORKER_ARG);
        spinning(&workers).then_some(workers)
    });
    parent.kill().unwrap();
    parent.wait().unwrap();
    let workers = workers.expect("a worker spinning on loops.pdf");
    assert!(
        all_end_within_5_s(&workers),
        "workers {workers:?} outlived their killed parent"
    );
}

/// One request in the worker's wire format: the path, then the kind, each a
/// little-endian u32 length and the bytes.
fn request(path: &Path, kind: &str) -> Vec<u8> {
    let mut out = Vec::new();
    for frame in [path.as_os_str().as_encoded_bytes(), kind.as_bytes()] {
        out.extend_from_slice(&(frame.len() as u32).to_le_bytes());
        out.extend_from_slice(frame);
    }
    out
}

#[test]
fn a_worker_ends_when_its_parent_closes_the_pipe_even_mid_file() {
    // The parent (this test) stays alive: this is the watch every platform relies on,
    // Windows included, not Linux's parent-death signal.
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("loops.pdf");
    dossier_fixtures::write_parent_cycle_pdf(&pdf).unwrap();
    let mut worker = Command::new(env!("CARGO_BIN_EXE_dossier"))
        .args([
            WORKER_ARG,
            "2147483648",
            "600",
            &std::process::id().to_string(),
        ])
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let mut stdin = worker.stdin.take().unwrap();
    stdin.write_all(&request(&pdf, "pdf")).unwrap();
    stdin.flush().unwrap();
    let pid = worker.id();
    let spun = wait_for(Duration::from_secs(15), || spinning(&[pid]).then_some(()));
    drop(stdin);
    let ended = wait_for(Duration::from_secs(5), || {
        worker.try_wait().unwrap().map(|_| ())
    });
    if ended.is_none() {
        let _ = worker.kill();
        let _ = worker.wait();
    }
    assert!(spun.is_some(), "the worker was spinning on loops.pdf");
    assert!(ended.is_some(), "the worker outlived its closed pipe");
}

#[test]
fn workers_started_by_a_scan_thread_that_ended_serve_the_next_scan() {
    // Linux sends the parent-death signal when the *thread* that started a worker ends;
    // workers wait in the pool between scans, after the scan threads are gone.
    let dir = tempfile::tempdir().unwrap();
    let notes: Vec<_> = (0..4)
        .map(|i| {
            let path = dir.path().join(format!("note-{i}.md"));
            std::fs::write(&path, format!("Runbook {i}")).unwrap();
            path
        })
        .collect();
    // An odd memory limit tells this pool's worker from those of the other tests.
    let marker = "3000000001";
    let pool = ExtractorPool::new(ExtractorConfig {
        workers: 1,
        memory_limit_bytes: marker.parse().unwrap(),
        ..ExtractorConfig::with_program(env!("CARGO_BIN_EXE_dossier"))
    });
    std::thread::scope(|s| {
        s.spawn(|| {
            let first = pool.extract(&notes[0], FileKind::Text, 9);
            assert_eq!(first.status, FileStatus::Ok, "{first:?}");
        });
    });
    let worker = workers_of(std::process::id(), marker);
    assert_eq!(worker.len(), 1, "one worker waits in the pool");
    for note in &notes[1..] {
        let out = pool.extract(note, FileKind::Text, 9);
        assert_eq!(out.status, FileStatus::Ok, "{out:?}");
    }
    assert_eq!(
        workers_of(std::process::id(), marker),
        worker,
        "the same worker"
    );
}
