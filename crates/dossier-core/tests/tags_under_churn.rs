//! Tag persistence under churn: hundreds of random renames, moves, copies and deletes of
//! tagged files, seen one at a time (as the watcher sees them) and in large batches (as a
//! scan after the app was closed sees them). After every scan each tag is where it must be.
//!
//! A model tracks where each tagged file is; the index must agree with it. Seeds are fixed,
//! so a failure names a seed that reproduces it.

mod support;

use dossier_core::evidence::status::FileStatus;
use std::collections::BTreeMap;
use std::fs;
use support::Env;

const CONTROLS: [&str; 6] = [
    "PRJ-003",
    "OPE-002",
    "PRFM-001",
    "DOC-001",
    "CSN-001#2",
    "POV-001",
];
const FOLDERS: [&str; 5] = ["", "Delivery", "Delivery/2025", "Operations", "Archive/old"];

/// Where a tagged file is now, its tags, and whether it was deleted.
struct Tracked {
    path: String,
    /// Where the last scan saw it: a file moved and then deleted between two scans is
    /// missing from there.
    seen: String,
    tags: Vec<String>,
    deleted: bool,
}

struct Churn {
    env: Env,
    rng: fastrand::Rng,
    tracked: Vec<Tracked>,
    /// Paths of untagged copies, which must stay untagged.
    copies: Vec<String>,
    next: usize,
}

impl Churn {
    fn new(seed: u64, files: usize) -> Self {
        let mut env = Env::new();
        let mut tracked = Vec::new();
        for i in 0..files {
            let path = format!("{}doc-{i}.md", folder(FOLDERS[i % FOLDERS.len()]));
            env.write(
                &path,
                &format!("Evidence document number {i}, unique content"),
            );
            tracked.push(Tracked {
                seen: path.clone(),
                path,
                tags: Vec::new(),
                deleted: false,
            });
        }
        env.scan();
        let mut rng = fastrand::Rng::with_seed(seed);
        for t in &mut tracked {
            let n = rng.usize(1..=2);
            let mut tags: Vec<String> = (0..n)
                .map(|_| CONTROLS[rng.usize(..CONTROLS.len())].to_string())
                .collect();
            tags.sort();
            tags.dedup();
            let refs: Vec<&str> = tags.iter().map(String::as_str).collect();
            env.tag(&t.path, &refs);
            t.tags = tags;
        }
        Self {
            env,
            rng,
            tracked,
            copies: Vec::new(),
            next: files,
        }
    }

    fn fresh_path(&mut self) -> String {
        self.next += 1;
        let dir = FOLDERS[self.rng.usize(..FOLDERS.len())];
        format!("{}renamed-{}.md", folder(dir), self.next)
    }

    /// One random operation on a present tagged file.
    fn step(&mut self) {
        let present: Vec<usize> = (0..self.tracked.len())
            .filter(|i| !self.tracked[*i].deleted)
            .collect();
        if present.is_empty() {
            return;
        }
        let i = present[self.rng.usize(..present.len())];
        let from = self.tracked[i].path.clone();
        match self.rng.u8(..10) {
            // Rename or move to a fresh name (the file keeps its content).
            0..=5 => {
                let to = self.fresh_path();
                let target = self.env.path(&to);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::rename(self.env.path(&from), target).unwrap();
                self.tracked[i].path = to;
            }
            // Copy: the copy is a duplicate, never tagged, and the original keeps its tags.
            6..=7 => {
                let to = self.fresh_path().replace("renamed-", "copy-");
                let target = self.env.path(&to);
                fs::create_dir_all(target.parent().unwrap()).unwrap();
                fs::copy(self.env.path(&from), target).unwrap();
                self.copies.push(to);
            }
            // Delete: the tags stay, on a file listed as missing. Files with copies are kept,
            // or deleting one would read as a move onto its copy.
            _ => {
                if self.copies_of(&from) {
                    return;
                }
                fs::remove_file(self.env.path(&from)).unwrap();
                self.tracked[i].deleted = true;
            }
        }
    }

    fn copies_of(&self, path: &str) -> bool {
        let content = fs::read(self.env.path(path)).unwrap();
        self.copies
            .iter()
            .any(|c| fs::read(self.env.path(c)).ok().as_ref() == Some(&content))
    }

    fn check(&mut self, seed: u64, op: usize) {
        let files = self.env.files();
        for t in &mut self.tracked {
            if !t.deleted {
                t.seen = t.path.clone();
            }
            let entry = files.get(&t.seen).unwrap_or_else(|| {
                panic!(
                    "seed {seed}, op {op}: {} is not listed in {:?}",
                    t.seen,
                    files.keys()
                )
            });
            let mut tags = entry.tags.clone();
            tags.sort();
            assert_eq!(tags, t.tags, "seed {seed}, op {op}: tags of {}", t.seen);
            let missing = entry.status == FileStatus::Missing;
            assert_eq!(
                missing, t.deleted,
                "seed {seed}, op {op}: {} missing?",
                t.seen
            );
        }
        for c in &self.copies {
            assert!(
                files[c].tags.is_empty(),
                "seed {seed}, op {op}: copy {c} was given tags"
            );
        }
        let tagged: BTreeMap<&str, usize> = files
            .values()
            .filter(|f| !f.tags.is_empty())
            .map(|f| (f.path.as_str(), f.tags.len()))
            .collect();
        assert_eq!(
            tagged.len(),
            self.tracked.len(),
            "seed {seed}, op {op}: no tag appears or vanishes"
        );
    }
}

fn folder(dir: &str) -> String {
    if dir.is_empty() {
        String::new()
    } else {
        format!("{dir}/")
    }
}

#[test]
fn tags_follow_files_through_random_churn_seen_live() {
    for seed in 1..=3 {
        let mut churn = Churn::new(seed, 12);
        for op in 0..60 {
            churn.step();
            churn.env.scan();
            churn.check(seed, op);
        }
    }
}

#[test]
fn tags_follow_files_through_random_churn_while_closed() {
    for seed in 11..=13 {
        let mut churn = Churn::new(seed, 20);
        for batch in 0..6 {
            let ops = churn.rng.usize(10..=40);
            for _ in 0..ops {
                churn.step();
            }
            churn.env.scan();
            churn.check(seed, batch);
        }
    }
}
