//! Deterministic evidence folders: the same count always gives the same tree, so figures
//! from different runs and machines compare. Folders are kept between runs and rewritten
//! only when the generator's version changes.

use dossier_fixtures as fx;
use std::path::{Path, PathBuf};

/// Bumped whenever the generated content changes, so cached folders are rewritten.
const VERSION: &str = "2: seeds per file, customers named, 5% broken-xref PDFs\n";

/// The mixed folder as written.
pub struct Mixed {
    pub folder: PathBuf,
    pub files: usize,
    pub bytes: u64,
    pub pdfs: Vec<Pdf>,
}

pub struct Pdf {
    pub path: PathBuf,
    /// Objects intact but the xref table wrong: only readers that rebuild it get the text.
    pub damaged: bool,
}

/// The small-files folder as written.
pub struct Small {
    pub folder: PathBuf,
    pub files: usize,
    pub bytes: u64,
}

const WORDS: &[&str] = &[
    "runbook",
    "escalation",
    "statement",
    "of",
    "work",
    "scope",
    "deliverables",
    "fees",
    "root",
    "cause",
    "timeline",
    "corrective",
    "actions",
    "architecture",
    "diagram",
    "availability",
    "recovery",
    "RTO",
    "RPO",
    "customer",
    "acceptance",
    "training",
    "plan",
    "encryption",
    "KMS",
    "VPC",
    "security",
    "groups",
    "CloudFormation",
    "pipeline",
    "cost",
    "model",
    "Glue",
    "Redshift",
];

/// One customer per `customer-NN` folder, named in its documents' text as real evidence
/// names its customer: a search for one finds a fortieth of the files, not all of them.
const CUSTOMERS: [&str; 40] = [
    "Acme",
    "Globex",
    "Initech",
    "Umbrella",
    "Hooli",
    "Stark",
    "Wayne",
    "Wonka",
    "Tyrell",
    "Cyberdyne",
    "Soylent",
    "Oscorp",
    "Aperture",
    "Vandelay",
    "Gringotts",
    "Monarch",
    "Nakatomi",
    "Virtucon",
    "Massive",
    "Dunder",
    "Pied",
    "Prestige",
    "Sterling",
    "Wernham",
    "Bluth",
    "Cogswell",
    "Spacely",
    "Krusty",
    "Duff",
    "Gekko",
    "Nimbus",
    "Zorin",
    "Octan",
    "Ollivander",
    "Rekall",
    "Sirius",
    "Tessier",
    "Ubik",
    "Yoyodyne",
    "Zenith",
];

/// A small linear congruential generator: deterministic without a dependency.
struct Lcg(u64);

impl Lcg {
    /// One generator per file, so files can be written by several threads in any order.
    fn for_file(index: usize) -> Self {
        let mut rng = Self((index as u64 + 1).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        self.0 >> 33
    }

    fn sentence(&mut self, words: usize) -> String {
        (0..words)
            .map(|_| WORDS[self.next() as usize % WORDS.len()])
            .collect::<Vec<_>>()
            .join(" ")
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next() as u8).collect()
    }
}

#[derive(Clone, Copy)]
enum Kind {
    Pdf { damaged: bool },
    Docx,
    Markdown,
    Binary,
}

/// `count` files: 15% multi-page PDFs (one in twenty of them with a broken xref table),
/// 15% DOCX, 30% Markdown, 20% PNG-named binaries, 20% other binaries; each run of 20
/// consecutive files (one of each slot) goes to one project folder, of 400 under 40 customers.
pub fn mixed(folder: &Path, count: usize) -> std::io::Result<Mixed> {
    let plan = |i: usize| {
        let project = i / 20 % 400;
        let customer = project % 40;
        let dir = format!("customer-{customer:02}/project-{project:03}");
        let slot = i % 20;
        let (rel, kind) = match slot {
            0..=2 => {
                let ordinal = i / 20 * 3 + slot;
                let damaged = ordinal % 20 == 19;
                (format!("{dir}/report-{i}.pdf"), Kind::Pdf { damaged })
            }
            3..=5 => (format!("{dir}/sow-{i}.docx"), Kind::Docx),
            6..=11 => (format!("{dir}/notes-{i}.md"), Kind::Markdown),
            12..=15 => (format!("{dir}/screenshot-{i}.png"), Kind::Binary),
            _ => (format!("{dir}/export-{i}.bin"), Kind::Binary),
        };
        (folder.join(rel), kind, CUSTOMERS[customer])
    };
    write_all(folder, count, |i| {
        let (path, kind, customer) = plan(i);
        write_mixed(&path, kind, customer, &mut Lcg::for_file(i))
    })?;
    let mut made = Mixed {
        folder: folder.to_path_buf(),
        files: count,
        bytes: 0,
        pdfs: Vec::new(),
    };
    for i in 0..count {
        let (path, kind, _) = plan(i);
        let len = std::fs::metadata(&path)?.len();
        made.bytes += len;
        if let Kind::Pdf { damaged } = kind {
            made.pdfs.push(Pdf { path, damaged });
        }
    }
    Ok(made)
}

/// `count` tiny binary files (16 B to 1 KiB, no text to extract), about a hundred per
/// folder, three folder levels deep: the shape of an exported ticket or log archive.
pub fn small(folder: &Path, count: usize) -> std::io::Result<Small> {
    let path = |i: usize| {
        folder.join(format!(
            "set-{:02}/box-{:02}/part-{:02}/item-{i}.dat",
            i % 8,
            i / 8 % 8,
            i / 64 % 16
        ))
    };
    write_all(folder, count, |i| {
        let mut rng = Lcg::for_file(i);
        let len = 16 + rng.next() as usize % 1009;
        let path = path(i);
        std::fs::create_dir_all(path.parent().expect("nested"))?;
        std::fs::write(path, rng.bytes(len))
    })?;
    let mut bytes = 0;
    for i in 0..count {
        bytes += std::fs::metadata(path(i))?.len();
    }
    Ok(Small {
        folder: folder.to_path_buf(),
        files: count,
        bytes,
    })
}

/// Writes files `0..count` with `write` on every core, unless a previous run of this
/// generator version completed the folder. The marker is a hidden file: Dossier skips it.
fn write_all(
    folder: &Path,
    count: usize,
    write: impl Fn(usize) -> std::io::Result<()> + Sync,
) -> std::io::Result<()> {
    let marker = folder.join(".complete");
    if std::fs::read_to_string(&marker).is_ok_and(|v| v == VERSION) {
        return Ok(());
    }
    let _ = std::fs::remove_dir_all(folder);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                let write = &write;
                s.spawn(move || (t..count).step_by(threads).try_for_each(write))
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("generator thread panicked"))
    })?;
    std::fs::write(marker, VERSION)?;
    // Written back now, not while the next runs are timed (it doubled pdftotext's time).
    std::process::Command::new("sync")
        .arg("-f")
        .arg(folder)
        .status()?;
    Ok(())
}

fn write_mixed(path: &Path, kind: Kind, customer: &str, rng: &mut Lcg) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().expect("nested"))?;
    match kind {
        Kind::Pdf { damaged } => {
            let mut pages: Vec<String> = (0..2 + rng.next() % 11)
                .map(|_| rng.sentence(300))
                .collect();
            pages[0].insert_str(0, &format!("Report for {customer}. "));
            let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
            if damaged {
                fx::write_broken_xref_text_pdf(path, &refs)
            } else {
                fx::write_pdf(path, &refs)
            }
        }
        Kind::Docx => {
            let paras: Vec<String> = std::iter::once(format!("Statement of work for {customer}"))
                .chain((0..20).map(|_| rng.sentence(40)))
                .collect();
            let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
            fx::write_docx(path, &refs)
        }
        Kind::Markdown => std::fs::write(
            path,
            format!("# Notes: {customer}\n\n{}\n", rng.sentence(200)),
        ),
        Kind::Binary => {
            let len = 2_000 + rng.next() as usize % 60_000;
            std::fs::write(path, rng.bytes(len))
        }
    }
}
