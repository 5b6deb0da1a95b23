//! Deterministic evidence folders: the same count always gives the same tree, so figures
//! from different runs and machines compare.

use dossier_fixtures as fx;
use std::path::Path;

pub struct Made {
    pub files: usize,
    pub bytes: u64,
    pub pdfs: usize,
    pub pdf_bytes: u64,
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

/// A small linear congruential generator: deterministic without a dependency.
struct Lcg(u64);

impl Lcg {
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
}

/// Writes `count` files under `folder` (unless a previous run left the same folder):
/// 15% multi-page PDFs, 15% DOCX, 30% Markdown/text, 20% images, 20% other.
pub fn folder(folder: &Path, count: usize) -> std::io::Result<Made> {
    let marker = folder.join(".complete");
    let fresh = !marker.exists();
    if fresh {
        let _ = std::fs::remove_dir_all(folder);
    }
    let mut rng = Lcg(42);
    let mut made = Made {
        files: 0,
        bytes: 0,
        pdfs: 0,
        pdf_bytes: 0,
    };
    for i in 0..count {
        let dir = folder.join(format!("customer-{:02}/project-{:03}", i % 40, i % 400));
        let slot = i % 20;
        let path = match slot {
            0..=2 => dir.join(format!("report-{i}.pdf")),
            3..=5 => dir.join(format!("sow-{i}.docx")),
            6..=11 => dir.join(format!("notes-{i}.md")),
            12..=15 => dir.join(format!("screenshot-{i}.png")),
            _ => dir.join(format!("export-{i}.bin")),
        };
        if fresh {
            std::fs::create_dir_all(&dir)?;
            write_one(&path, slot, &mut rng)?;
        }
        let len = std::fs::metadata(&path)?.len();
        made.files += 1;
        made.bytes += len;
        if slot <= 2 {
            made.pdfs += 1;
            made.pdf_bytes += len;
        }
    }
    if fresh {
        std::fs::write(marker, "")?;
    }
    Ok(made)
}

fn write_one(path: &Path, slot: usize, rng: &mut Lcg) -> std::io::Result<()> {
    match slot {
        0..=2 => {
            let pages: Vec<String> = (0..2 + rng.next() % 11)
                .map(|_| rng.sentence(300))
                .collect();
            let refs: Vec<&str> = pages.iter().map(String::as_str).collect();
            fx::write_pdf(path, &refs)
        }
        3..=5 => {
            let paras: Vec<String> = (0..20).map(|_| rng.sentence(40)).collect();
            let refs: Vec<&str> = paras.iter().map(String::as_str).collect();
            fx::write_docx(path, &refs)
        }
        6..=11 => std::fs::write(path, format!("# Notes\n\n{}\n", rng.sentence(200))),
        _ => {
            let len = 2_000 + rng.next() as usize % 60_000;
            let bytes: Vec<u8> = (0..len).map(|_| rng.next() as u8).collect();
            std::fs::write(path, bytes)
        }
    }
}
