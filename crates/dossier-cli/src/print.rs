//! Human and JSON output of each command. JSON shapes are the documented contract
//! (README, "CLI JSON"); human output is for a terminal.

use dossier_core::catalog::diff::ChecklistDiff;
use dossier_core::catalog::imported::ImportedChecklist;
use dossier_core::catalog::source::SourceFormat;
use dossier_core::catalog::Checklist;
use dossier_core::coverage::{ControlStatus, Coverage};
use dossier_core::events::IndexEvent;
use dossier_core::evidence::scan::ScanSummary;
use dossier_core::examples::CustomerExample;
use dossier_core::export::{ExportProgress, ExportSummary};
use dossier_core::freshness::format_time;
use dossier_core::import::{ImportOutcome, ImportPreview};
use dossier_core::prerequisites::{PrerequisiteState, PrerequisiteStatus};
use dossier_core::readiness::{Readiness, ReadinessFile};
use dossier_core::search::SearchHit;
use dossier_core::session::{PaceStatus, Session};
use dossier_core::suggest::FileSuggestions;
use dossier_core::FileEntry;
use serde::Serialize;
use serde_json::json;
use std::io::{IsTerminal, Write};

/// Prints one line to stdout, returning the error (e.g. a closed pipe) instead of panicking
/// like `println!` does, so `dossier files | head` ends quietly.
macro_rules! say {
    ($($arg:tt)*) => {
        writeln!(std::io::stdout().lock(), $($arg)*)
    };
}

fn print_json(value: &impl Serialize) -> anyhow::Result<()> {
    say!("{}", serde_json::to_string_pretty(value)?)?;
    Ok(())
}

pub fn checklists(
    all: &[Checklist],
    imported: &[ImportedChecklist],
    json: bool,
) -> anyhow::Result<()> {
    let source = |c: &Checklist| imported.iter().find(|i| i.id == c.id).map(|i| &i.source);
    if json {
        let rows: Vec<_> = all
            .iter()
            .map(|c| {
                json!({
                    "id": c.id, "name": c.name, "version": c.version, "published": c.published,
                    "controls": c.control_count(), "prerequisites": c.prerequisites.len(),
                    "imported_from": source(c),
                })
            })
            .collect();
        return print_json(&rows);
    }
    for c in all {
        let origin = source(c).map_or(String::new(), |s| format!(", imported from {s}"));
        say!(
            "{:<24} {} {} ({} controls, {} prerequisites{origin})",
            c.id,
            c.name,
            c.version,
            c.control_count(),
            c.prerequisites.len()
        )?;
    }
    Ok(())
}

pub fn import(p: &ImportPreview, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(p);
    }
    let c = &p.checklist;
    let f = &p.findings;
    let format = match p.format {
        SourceFormat::Text => "published text",
        SourceFormat::Html => "saved web page",
        SourceFormat::Markdown => "markdown copy",
        SourceFormat::DataFile => "data file",
    };
    say!(
        "{} {} ({}), read from {} ({format})",
        c.name,
        c.version,
        c.id,
        p.source
    )?;
    match &p.outcome {
        ImportOutcome::New => say!("a checklist not in the catalog yet")?,
        ImportOutcome::NewVersion { previous } => say!("a new version of {previous}")?,
        ImportOutcome::Replaces => say!("replaces the earlier import of {}", c.id)?,
        ImportOutcome::Unchanged { builtin } => say!(
            "identical to the {} checklist {}: nothing to import",
            if *builtin { "built-in" } else { "imported" },
            c.id
        )?,
    }
    say!(
        "\n{} prerequisites, {} controls, {} evidence items, {} waivers",
        f.prerequisites,
        f.controls,
        f.evidence_items,
        f.waivers
    )?;
    for s in &f.sections {
        say!(
            "  {:<52} {:>2} categories {:>3} controls {:>3} evidence items",
            s.title,
            s.categories,
            s.controls,
            s.evidence_items
        )?;
    }
    if !f.without_evidence.is_empty() {
        say!(
            "controls with no evidence items: {}",
            f.without_evidence.join(", ")
        )?;
    }
    if !f.attestable.is_empty() {
        say!(
            "answered by an attestation (presented, described or demonstrated): {}",
            f.attestable.join(", ")
        )?;
    }
    if !f.windows.is_empty() {
        say!("time windows: {}", f.windows.join(", "))?;
    }
    if !f.unplaced.is_empty() {
        say!("not placed (they look like controls but were not read as one):")?;
        for line in &f.unplaced {
            say!("  - {line}")?;
        }
    }
    if !f.oddities.is_empty() {
        say!("worth a look:")?;
        for o in &f.oddities {
            say!("  - {o}")?;
        }
    }
    if let Some(d) = &p.diff {
        say!()?;
        diff_lines(d)?;
        let t = &p.tags;
        say!(
            "tags: {} carry over; {} on removed controls stay, shown under \"no longer in this version\"",
            t.carried,
            t.on_removed
        )?;
        if !t.item_tags_to_check.is_empty() {
            say!(
                "check tags on evidence items by number of: {}",
                t.item_tags_to_check.join(", ")
            )?;
        }
    }
    say!()?;
    if p.saved {
        say!("imported: {} is in the catalog", c.id)?;
    } else if !matches!(p.outcome, ImportOutcome::Unchanged { .. }) {
        say!("dry run: nothing saved")?;
    }
    Ok(())
}

pub fn diff(d: &ChecklistDiff, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(d);
    }
    diff_lines(d)
}

fn diff_lines(d: &ChecklistDiff) -> anyhow::Result<()> {
    if d.is_empty() {
        say!("no control differs between {} and {}", d.from, d.to)?;
        return Ok(());
    }
    say!(
        "{} control(s) differ from {} to {}:",
        d.changed_controls(),
        d.from,
        d.to
    )?;
    for c in &d.added {
        say!("  added     {:<12} {}", c.id, c.title)?;
    }
    for c in &d.removed {
        say!("  removed   {:<12} {}", c.id, c.title)?;
    }
    for c in &d.retitled {
        say!("  retitled  {:<12} {} → {}", c.id, c.before, c.after)?;
    }
    for c in &d.evidence_changed {
        say!("  evidence  {:<12} {}", c.id, c.title)?;
        for item in &c.removed {
            say!("              - {item}")?;
        }
        for item in &c.added {
            say!("              + {item}")?;
        }
    }
    for c in &d.requirement_changed {
        say!("  text      {:<12} {}", c.id, c.title)?;
    }
    for c in &d.moved {
        say!("  moved     {:<12} {} → {}", c.id, c.before, c.after)?;
    }
    Ok(())
}

pub fn controls(c: &Checklist, json: bool) -> anyhow::Result<()> {
    if json {
        let rows: Vec<_> = c
            .controls()
            .map(|r| {
                json!({
                    "id": r.control.id, "title": r.control.title, "section": r.section.title,
                    "category": r.category.title, "location": r.location(),
                    "requirement": r.control.requirement, "evidence_items": r.control.evidence_items,
                    "waiver": r.waiver(), "scope": r.scope(),
                })
            })
            .collect();
        return print_json(&rows);
    }
    let mut section = "";
    for r in c.controls() {
        if r.section.title != section {
            section = &r.section.title;
            say!("\n{section}")?;
        }
        say!(
            "  {:<10} {}  [{}]",
            r.control.id,
            r.control.title,
            r.category.title
        )?;
    }
    Ok(())
}

pub fn scan_progress(e: &IndexEvent) {
    if !std::io::stderr().is_terminal() {
        return;
    }
    if let IndexEvent::Progress {
        done,
        total,
        current,
    } = e
    {
        eprint!("\r\x1b[2Kreading {done}/{total}  {current}");
        if done == total {
            eprintln!();
        }
    }
}

pub fn scan_summary(s: &ScanSummary, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(s);
    }
    say!(
        "{} files: {} new, {} changed, {} moved, {} unchanged; {} missing, {} unreadable, {} online-only, {} duplicate group(s){}",
        s.files,
        s.new,
        s.changed,
        s.moved,
        s.unchanged,
        s.missing,
        s.unreadable,
        s.online_only,
        s.duplicates,
        if s.cancelled { " (cancelled)" } else { "" }
    )?;
    Ok(())
}

pub fn files(files: &[FileEntry], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&files);
    }
    for f in files {
        let status = match &f.detail {
            Some(d) if f.status.as_str() != "ok" => format!("{} ({d})", f.status.as_str()),
            _ => f.status.as_str().to_string(),
        };
        say!(
            "{:<12} {:<24} {}  {}",
            f.kind.as_str(),
            status,
            f.path,
            f.tags.join(" ")
        )?;
    }
    Ok(())
}

pub fn coverage(c: &Coverage, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(c);
    }
    say!(
        "{} {}: {:.1}% ready ({} covered, {} partial, {} gaps; {} waived, {} not applicable)",
        c.name,
        c.version,
        c.percent,
        c.covered,
        c.partial,
        c.gap,
        c.waived,
        c.not_applicable
    )?;
    let mut section = "";
    for ctl in &c.controls {
        if ctl.section != section {
            section = &ctl.section;
            let s = c.sections.iter().find(|s| s.title == section);
            say!("\n{section}  {:.1}%", s.map_or(0.0, |s| s.percent))?;
        }
        let mark = match ctl.status {
            ControlStatus::Covered => "covered",
            ControlStatus::Partial => "partial",
            ControlStatus::Gap => "GAP    ",
            ControlStatus::Waived => "waived ",
            ControlStatus::NotApplicable => "n/a    ",
        };
        say!("  {mark} {:<10} {}", ctl.id, ctl.title)?;
        if let Some(m) = &ctl.examples {
            let shown = m.examples.iter().filter(|x| !x.files.is_empty()).count();
            say!(
                "            customer examples with evidence: {shown} (needed: {} of {})",
                m.required,
                m.examples.len()
            )?;
        }
        if let Some(reason) = &ctl.exempt_reason {
            say!("            reason: {reason}")?;
        }
        for f in &ctl.files {
            say!("            ✓ {f}")?;
        }
        for f in &ctl.missing_files {
            say!("            ! missing: {f}")?;
        }
        if ctl.status == ControlStatus::Partial {
            for item in &ctl.missing_items {
                say!("            needs: {item}")?;
            }
        }
    }
    if !c.retired.is_empty() {
        say!("\nNo longer in this version (not counted)")?;
        for r in &c.retired {
            say!("  {:<17} {} (in {})", r.id, r.title, r.version)?;
            for f in &r.files {
                say!("            ✓ {f}")?;
            }
            for f in &r.missing_files {
                say!("            ! missing: {f}")?;
            }
        }
    }
    Ok(())
}

/// How many tagged files the readiness check names.
pub fn attention(r: &Readiness) -> usize {
    r.online_only.len() + r.missing.len() + r.unreadable.len() + r.outside_folder.len()
}

pub fn readiness(r: &Readiness, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(r);
    }
    let scope = r.checklist.as_deref().unwrap_or("every tag");
    if r.ready {
        say!("{scope}: ready; every tagged file is on this laptop and readable")?;
        return Ok(());
    }
    say!("{scope}: not ready")?;
    let groups: [(&[ReadinessFile], &str); 4] = [
        (
            &r.online_only,
            "are online-only (not on this laptop): make them available offline",
        ),
        (&r.missing, "are missing from the folder"),
        (&r.unreadable, "could not be read"),
        (
            &r.outside_folder,
            "are links that leave the evidence folder and count for nothing",
        ),
    ];
    for (files, what) in groups.into_iter().filter(|(f, _)| !f.is_empty()) {
        say!("{} tagged file(s) {what}:", files.len())?;
        for f in files {
            say!("  {}  {}", f.path, f.tags.join(" "))?;
        }
    }
    Ok(())
}

pub fn search(hits: &[SearchHit], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        say!("no matches")?;
    }
    for h in hits {
        say!("{}\n    {}", h.path, h.snippet)?;
    }
    Ok(())
}

/// Prints one watch event; a closed stdout is ignored here (the watch ends with Ctrl-C).
pub fn watch_event(e: &IndexEvent, json: bool) {
    if json {
        if let Ok(line) = serde_json::to_string(e) {
            let _ = say!("{line}");
        }
        return;
    }
    let line = match e {
        IndexEvent::FileAdded { path } => format!("added    {path}"),
        IndexEvent::FileChanged { path } => format!("changed  {path}"),
        IndexEvent::FileMoved { from, to } => format!("moved    {from} -> {to}"),
        IndexEvent::FileRestored { path } => format!("restored {path}"),
        IndexEvent::FileMissing { path } => format!("missing  {path} (tags kept)"),
        IndexEvent::FileRemoved { path } => format!("removed  {path}"),
        IndexEvent::FolderUnavailable { reason } => format!("unavailable: {reason}"),
        IndexEvent::WatchStopped { reason } => format!("stopped: {reason}"),
        IndexEvent::ScanStarted { .. }
        | IndexEvent::Walked { .. }
        | IndexEvent::Progress { .. }
        | IndexEvent::ScanFinished { .. } => return,
    };
    let _ = say!("{line}");
}

pub fn examples(all: &[CustomerExample], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&all);
    }
    for e in all {
        say!(
            "{:<20} {:<24} {:<16} go-live {:<10}  folder {}",
            e.name,
            e.customer,
            e.industry,
            e.go_live.as_deref().unwrap_or("-"),
            e.folder.as_deref().unwrap_or("-")
        )?;
    }
    Ok(())
}

pub fn prerequisites(panel: &[PrerequisiteStatus], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&panel);
    }
    for p in panel {
        let state = match p.state {
            PrerequisiteState::Met => "met    ",
            PrerequisiteState::NotMet => "NOT MET",
            PrerequisiteState::Unknown => "unknown",
        };
        say!("{state} {:<5} {}", p.id, p.title)?;
        if let Some(v) = &p.value {
            say!("              {v}")?;
        }
    }
    Ok(())
}

/// A pack's copy progress on one terminal line (stderr, so stdout stays clean).
pub fn export_progress(p: &ExportProgress) {
    if std::io::stderr().is_terminal() {
        let percent = p.done * 100 / p.total.max(1);
        eprint!("\r\x1b[Kcopying {percent:>3}%  {}", p.current);
    }
}

pub fn export_summary(s: &ExportSummary, json: bool) -> anyhow::Result<()> {
    if std::io::stderr().is_terminal() {
        eprint!("\r\x1b[K");
    }
    if json {
        return print_json(s);
    }
    let copied = if s.files > 0 {
        format!(", {} evidence files copied and verified", s.files)
    } else {
        String::new()
    };
    say!(
        "wrote {} ({} controls{copied}, {} bytes)",
        s.path.display(),
        s.controls,
        s.bytes
    )?;
    Ok(())
}

pub fn session(s: &Session, json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(s);
    }
    let state = match s.ended_at {
        Some(t) => format!("ended {}", format_time(t)),
        None => "running".to_string(),
    };
    let pace = match s.pace.status {
        PaceStatus::Ahead => "ahead of pace",
        PaceStatus::OnTrack => "on track",
        PaceStatus::Behind => "behind pace",
        PaceStatus::Overtime => "over time",
        PaceStatus::Done => "every control recorded",
    };
    say!(
        "session {} of {}: started {}, {state}; {} of {} controls recorded, {} min left, {pace}",
        s.id,
        s.checklist,
        format_time(s.started_at),
        s.pace.recorded,
        s.pace.controls,
        s.pace.left_secs.max(0) / 60
    )?;
    for o in &s.outcomes {
        let note = o
            .note
            .as_deref()
            .map(|n| format!(" — {n}"))
            .unwrap_or_default();
        say!("  {:<10} {}{note}", o.control, o.outcome.label())?;
    }
    if !s.follow_ups.is_empty() {
        say!("action list:")?;
        for o in &s.follow_ups {
            say!("  {} {}", o.control, o.note.as_deref().unwrap_or(""))?;
        }
    }
    Ok(())
}

pub fn suggestions(files: &[FileSuggestions], json: bool) -> anyhow::Result<()> {
    if json {
        return print_json(&files);
    }
    for f in files {
        if f.needs_a_look {
            say!(
                "{}\n  needs a look: an image or a scan, nothing to read",
                f.path
            )?;
            continue;
        }
        if f.suggestions.is_empty() {
            continue;
        }
        say!("{}", f.path)?;
        for s in &f.suggestions {
            say!(
                "  {:<10} {:>4.0}%  {}",
                s.control,
                s.confidence * 100.0,
                s.reason
            )?;
        }
        if let Some(reason) = &f.example_reason {
            say!("  {reason}")?;
        }
    }
    Ok(())
}

pub fn accepted(accepted: &[(String, Vec<String>)], json: bool) -> anyhow::Result<()> {
    if json {
        let rows: Vec<_> = accepted
            .iter()
            .map(|(path, controls)| json!({ "path": path, "controls": controls }))
            .collect();
        return print_json(&rows);
    }
    for (path, controls) in accepted {
        say!("tagged {path} with {}", controls.join(", "))?;
    }
    say!(
        "{} file(s) tagged; review them with `dossier files`",
        accepted.len()
    )?;
    Ok(())
}
