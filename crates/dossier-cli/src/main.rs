//! `dossier`: the command-line face of dossier-core. Every command is a thin call into
//! `dossier_core::Dossier`; this file only parses arguments and prints.

mod print;

use anyhow::Context;
use clap::{Parser, Subcommand};
use dossier_core::catalog::source::Source;
use dossier_core::events::{CancelToken, IndexEvent};
use dossier_core::examples::CustomerExample;
use dossier_core::exemptions::WaiverKind;
use dossier_core::export::{ExportFormat, ExportProgress};
use dossier_core::extract::pool::{ExtractorConfig, ExtractorPool};
use dossier_core::import::ImportError;
use dossier_core::prerequisites::PrerequisiteState;
use dossier_core::session::Outcome;
use dossier_core::tags::ControlTarget;
use dossier_core::watch::Watch;
use dossier_core::{Dossier, FileQuery};
use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "dossier",
    version,
    about = "Evidence for AWS Competency validation, indexed and tagged offline."
)]
struct Cli {
    /// Database file (default: $DOSSIER_DB, else the user's data dir).
    #[arg(long, global = true, value_name = "PATH")]
    db: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// List the checklists: built in, then imported.
    Checklists {
        #[arg(long)]
        json: bool,
    },
    /// Import a checklist: its published text (either layout), a saved web page of it, or
    /// a data file (.toml); `-` reads pasted text from stdin. Prints what was found and, for
    /// a new version, what changed; --dry-run saves nothing.
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// What changed between two checklists (ids, or a checklist file not imported yet).
    Diff {
        #[arg(value_name = "CHECKLIST_A")]
        from: String,
        #[arg(value_name = "CHECKLIST_B")]
        to: String,
        #[arg(long)]
        json: bool,
    },
    /// Remove an imported checklist from the catalog; its tags stay in the store.
    RemoveChecklist { checklist: String },
    /// List the controls of a checklist.
    Controls {
        checklist: String,
        #[arg(long)]
        json: bool,
    },
    /// Index (or re-index) an evidence folder and make it the active folder.
    Scan {
        folder: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Tag a file as evidence for controls (PRJ-003, or CSN-001#2 for one evidence item).
    Tag {
        file: PathBuf,
        #[arg(required = true, value_name = "CONTROL")]
        controls: Vec<String>,
        #[arg(long)]
        note: Option<String>,
        /// The customer example the file is evidence for (default: by its folder).
        #[arg(long, value_name = "NAME")]
        example: Option<String>,
    },
    /// Remove tags from a file.
    Untag {
        file: PathBuf,
        #[arg(required = true, value_name = "CONTROL")]
        controls: Vec<String>,
    },
    /// List the files of the active folder with kind, status and tags.
    Files {
        #[arg(long, value_name = "ID")]
        control: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Coverage of a checklist by the tagged evidence, with every gap.
    Coverage {
        checklist: String,
        #[arg(long)]
        json: bool,
    },
    /// The readiness check before validation day: tagged files that are online only (a
    /// cloud placeholder, not on this laptop), missing, unreadable or outside the folder;
    /// for CHECKLIST's controls, or every tag. Exits non-zero when something needs doing.
    Readiness {
        checklist: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Full-text search over file names and contents.
    Search {
        #[arg(required = true)]
        query: Vec<String>,
        #[arg(long, default_value_t = 50)]
        limit: usize,
        #[arg(long)]
        json: bool,
    },
    /// Switch on a waiver the checklist offers (msp: approved AWS MSP; ftr: approved
    /// Foundational Technical Review), or off with --off.
    Waive {
        checklist: String,
        #[arg(value_enum)]
        kind: WaiverArg,
        #[arg(long, required_unless_present = "off")]
        reason: Option<String>,
        #[arg(long)]
        reference: Option<String>,
        #[arg(long, conflicts_with_all = ["reason", "reference"])]
        off: bool,
    },
    /// Mark a control not applicable with a justification, or applicable again with --off.
    Na {
        checklist: String,
        control: String,
        #[arg(long, required_unless_present = "off")]
        justification: Option<String>,
        #[arg(long, conflicts_with = "justification")]
        off: bool,
    },
    /// Record who will present or demonstrate an evidence item that is not a document
    /// (e.g. POV-001#1), or remove it with --off.
    Attest {
        item: String,
        #[arg(long, required_unless_present = "off")]
        presenter: Option<String>,
        #[arg(long)]
        note: Option<String>,
        #[arg(long, conflicts_with_all = ["presenter", "note"])]
        off: bool,
    },
    /// Set the date a file's content is from (default: its modification time), or confirm
    /// that evidence older than a checklist's window is still current.
    Date {
        file: PathBuf,
        /// YYYY-MM-DD; omit to fall back to the modification time.
        #[arg(long, value_name = "YYYY-MM-DD")]
        effective: Option<String>,
        #[arg(long)]
        confirm: bool,
    },
    /// The prerequisites panel of a checklist; with ID and --state, record one item.
    Prereq {
        checklist: String,
        id: Option<String>,
        #[arg(long, value_enum, requires = "id")]
        state: Option<StateArg>,
        #[arg(long, requires = "state")]
        value: Option<String>,
        #[arg(long, requires = "state")]
        note: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Customer examples of the application: add (or update), list, remove.
    #[command(subcommand)]
    Example(ExampleCommand),
    /// Export a checklist's application: the self-assessment spreadsheet (xlsx), the
    /// evidence index report (html, pdf) or the evidence pack (pack: a folder, or a ZIP when
    /// --out ends in .zip). Never written inside the evidence folder.
    Export {
        #[arg(value_enum)]
        format: FormatArg,
        checklist: String,
        /// The file or folder to create; it must not exist yet.
        #[arg(long)]
        out: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// A validation session: start it, record the reviewer's outcome per control, show
    /// the outcomes, follow-ups and pace, end it.
    #[command(subcommand)]
    Session(SessionCommand),
    /// Suggested tags: the controls each file (or FILE) looks like evidence for, with a
    /// confidence and the reason. --accept-above T tags every suggestion of at least T;
    /// --reject CONTROL never suggests CONTROL for FILE again.
    Suggest {
        file: Option<PathBuf>,
        #[arg(long, value_name = "CONFIDENCE", conflicts_with = "reject")]
        accept_above: Option<f64>,
        #[arg(long, value_name = "CONTROL", requires = "file")]
        reject: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Keep the index of a folder current, printing each change as it is applied.
    Watch {
        folder: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
enum ExampleCommand {
    /// Add a customer example, or update the one with the same name.
    Add {
        name: String,
        #[arg(long, default_value = "")]
        customer: String,
        #[arg(long, default_value = "")]
        industry: String,
        #[arg(long, value_name = "URL")]
        case_study: Option<String>,
        #[arg(long, value_name = "YYYY-MM-DD")]
        go_live: Option<String>,
        /// Folder of the evidence tree whose files belong to this example.
        #[arg(long)]
        folder: Option<String>,
        /// Exported WAFR report (zero high-risk issues in Security, Operational Excellence
        /// and Reliability) that replaces the example's evidence where the checklist allows.
        #[arg(long, value_name = "FILE")]
        wafr_report: Option<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    Remove {
        name: String,
    },
}

#[derive(Subcommand)]
enum SessionCommand {
    /// Start a session for a checklist (or show the one already running).
    Start {
        checklist: String,
        #[arg(long, default_value_t = 60)]
        minutes: u32,
        #[arg(long)]
        json: bool,
    },
    /// Record the reviewer's outcome for a control of the running session.
    Record {
        checklist: String,
        control: String,
        #[arg(value_enum)]
        outcome: OutcomeArg,
        #[arg(long)]
        note: Option<String>,
    },
    /// The running (or else the last) session: outcomes, follow-ups and pace.
    Show {
        checklist: String,
        #[arg(long)]
        json: bool,
    },
    End {
        checklist: String,
    },
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum OutcomeArg {
    Met,
    NotMet,
    FollowUp,
    /// Remove the recorded outcome.
    Clear,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum FormatArg {
    Xlsx,
    Html,
    Pdf,
    Pack,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum StateArg {
    Met,
    NotMet,
    Unknown,
}

impl From<StateArg> for PrerequisiteState {
    fn from(s: StateArg) -> Self {
        match s {
            StateArg::Met => PrerequisiteState::Met,
            StateArg::NotMet => PrerequisiteState::NotMet,
            StateArg::Unknown => PrerequisiteState::Unknown,
        }
    }
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum WaiverArg {
    Msp,
    Ftr,
}

impl From<WaiverArg> for WaiverKind {
    fn from(w: WaiverArg) -> Self {
        match w {
            WaiverArg::Msp => WaiverKind::Msp,
            WaiverArg::Ftr => WaiverKind::Ftr,
        }
    }
}

fn main() -> ExitCode {
    dossier_core::extract::worker::serve_if_requested();
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            match e.downcast_ref::<dossier_core::Error>() {
                Some(core) => eprintln!("error: {core} [{}]", core.code()),
                None => eprintln!("error: {e:#}"),
            }
            ExitCode::FAILURE
        }
    }
}

/// `readiness` found tagged files to see to: the command fails, as a check does, so a
/// script can stop on it.
#[derive(Debug)]
struct NotReady(usize);

impl std::fmt::Display for NotReady {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} tagged file(s) need attention before validation day [not_ready]",
            self.0
        )
    }
}

impl std::error::Error for NotReady {}

/// The reader of our output went away (`dossier files | head`): not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.downcast_ref::<std::io::Error>()
        .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
}

fn run(cli: Cli) -> anyhow::Result<()> {
    let db = cli.db.unwrap_or_else(dossier_core::store::default_path);
    let open = || Dossier::open(&db);
    match cli.command {
        Command::Checklists { json } => {
            let d = open()?;
            print::checklists(d.checklists(), &d.imported_checklists()?, json)
        }
        Command::Import {
            file,
            dry_run,
            json,
        } => {
            let source = if file.as_os_str() == "-" {
                let mut text = String::new();
                std::io::stdin()
                    .read_to_string(&mut text)
                    .context("cannot read the pasted text from stdin")?;
                Source::pasted(&text)
            } else {
                Source::read(&file).map_err(|e| dossier_core::Error::from(ImportError::from(e)))?
            };
            let mut d = open()?;
            let preview = if dry_run {
                d.preview_import(&source)?
            } else {
                d.import_checklist(&source)?
            };
            print::import(&preview, json)
        }
        Command::Diff { from, to, json } => {
            print::diff(&open()?.diff_checklists(&from, &to)?, json)
        }
        Command::RemoveChecklist { checklist } => {
            let removed = open()?.remove_checklist(&checklist)?;
            println!(
                "removed {}; {} tag(s) on its own controls are kept and return if it is imported again",
                removed.id, removed.orphaned_tags
            );
            Ok(())
        }
        Command::Controls { checklist, json } => {
            let d = open()?;
            print::controls(d.checklist(&checklist)?, json)
        }
        Command::Scan { folder, json } => {
            let mut d = open()?;
            let pool = ExtractorPool::new(extractor()?);
            let mut sink = |e: IndexEvent| {
                if !json {
                    print::scan_progress(&e)
                }
            };
            let summary = d.scan(&folder, &pool, &CancelToken::default(), &mut sink)?;
            print::scan_summary(&summary, json)
        }
        Command::Tag {
            file,
            controls,
            note,
            example,
        } => {
            let targets = parse_targets(&controls)?;
            let change = open()?.tag(&[&file], &targets, note.as_deref(), example.as_deref())?;
            println!(
                "tagged {} with {}",
                change.paths.join(", "),
                controls.join(", ")
            );
            Ok(())
        }
        Command::Readiness { checklist, json } => {
            let readiness = open()?.readiness(checklist.as_deref())?;
            print::readiness(&readiness, json)?;
            match print::attention(&readiness) {
                0 => Ok(()),
                files => Err(NotReady(files).into()),
            }
        }
        Command::Untag { file, controls } => {
            let targets = parse_targets(&controls)?;
            let change = open()?.untag(&[&file], &targets)?;
            println!("removed {} tag(s)", -change.delta);
            Ok(())
        }
        Command::Files { control, json } => {
            let files = open()?.files(&FileQuery { control })?;
            print::files(&files, json)
        }
        Command::Coverage { checklist, json } => {
            let cov = open()?.coverage(&checklist)?;
            print::coverage(&cov, json)
        }
        Command::Search { query, limit, json } => {
            let hits = open()?.search(&query.join(" "), limit)?;
            print::search(&hits, json)
        }
        Command::Waive {
            checklist,
            kind,
            reason,
            reference,
            off: _,
        } => {
            let on = reason.as_deref().map(|r| (r, reference.as_deref()));
            open()?.set_waiver(&checklist, kind.into(), on)?;
            println!(
                "{} waiver {}",
                WaiverKind::from(kind).as_str(),
                if on.is_some() { "on" } else { "off" }
            );
            Ok(())
        }
        Command::Na {
            checklist,
            control,
            justification,
            off: _,
        } => {
            open()?.set_not_applicable(&checklist, &control, justification.as_deref())?;
            let state = if justification.is_some() {
                "not applicable"
            } else {
                "applicable"
            };
            println!("{} is {state}", control.to_ascii_uppercase());
            Ok(())
        }
        Command::Attest {
            item,
            presenter,
            note,
            off: _,
        } => {
            let target: ControlTarget = item.parse().map_err(dossier_core::Error::Tag)?;
            let on = presenter.as_deref().map(|p| (p, note.as_deref()));
            open()?.set_attestation(&target, on)?;
            println!(
                "{target}: {}",
                presenter.as_deref().unwrap_or("attestation removed")
            );
            Ok(())
        }
        Command::Date {
            file,
            effective,
            confirm,
        } => {
            open()?.set_freshness(&file, effective.as_deref(), confirm)?;
            println!("dated {}", file.display());
            Ok(())
        }
        Command::Prereq {
            checklist,
            id,
            state,
            value,
            note,
            json,
        } => {
            let mut d = open()?;
            if let (Some(id), Some(state)) = (&id, state) {
                d.set_prerequisite(
                    &checklist,
                    id,
                    state.into(),
                    value.as_deref(),
                    note.as_deref(),
                )?;
            }
            print::prerequisites(&d.prerequisites(&checklist)?, json)
        }
        Command::Example(cmd) => example(&mut open()?, cmd),
        Command::Export {
            format,
            checklist,
            out,
            json,
        } => {
            let is_zip = out
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("zip"));
            let format = match format {
                FormatArg::Xlsx => ExportFormat::Xlsx,
                FormatArg::Html => ExportFormat::Html,
                FormatArg::Pdf => ExportFormat::Pdf,
                FormatArg::Pack if is_zip => ExportFormat::Zip,
                FormatArg::Pack => ExportFormat::Pack,
            };
            let mut progress = |p: ExportProgress| {
                if !json {
                    print::export_progress(&p)
                }
            };
            let summary = open()?.export(
                &checklist,
                format,
                &out,
                &mut progress,
                &CancelToken::default(),
            )?;
            print::export_summary(&summary, json)
        }
        Command::Session(cmd) => session(&mut open()?, cmd),
        Command::Suggest {
            file,
            accept_above,
            reject,
            json,
        } => {
            let mut d = open()?;
            if let (Some(file), Some(control)) = (&file, &reject) {
                d.reject_suggestion(file, control)?;
                println!(
                    "{} will not be suggested for {} again",
                    control.to_ascii_uppercase(),
                    file.display()
                );
                return Ok(());
            }
            if let Some(threshold) = accept_above {
                let accepted = d.accept_above(threshold)?;
                return print::accepted(&accepted, json);
            }
            print::suggestions(&d.suggestions(file.as_deref())?, json)
        }
        Command::Watch { folder, json } => {
            if !json {
                eprintln!("watching {} (Ctrl-C to stop)", folder.display());
            }
            let sink = Box::new(move |e: IndexEvent| print::watch_event(&e, json));
            let watch = Watch::start(&db, &folder, extractor()?, sink)?;
            watch.wait()?;
            Ok(())
        }
    }
}

fn example(d: &mut Dossier, cmd: ExampleCommand) -> anyhow::Result<()> {
    match cmd {
        ExampleCommand::Add {
            name,
            customer,
            industry,
            case_study,
            go_live,
            folder,
            wafr_report,
        } => {
            d.save_example(&CustomerExample {
                id: 0,
                name: name.clone(),
                customer,
                industry,
                case_study_url: case_study,
                go_live,
                folder: folder.map(|f| f.trim_matches('/').to_string()),
                wafr_report,
            })?;
            println!("saved customer example {name}");
            Ok(())
        }
        ExampleCommand::List { json } => print::examples(&d.examples()?, json),
        ExampleCommand::Remove { name } => {
            d.remove_example(&name)?;
            println!("removed customer example {name}");
            Ok(())
        }
    }
}

fn session(d: &mut Dossier, cmd: SessionCommand) -> anyhow::Result<()> {
    let running = |d: &Dossier, checklist: &str| -> anyhow::Result<i64> {
        d.open_session(checklist)?
            .map(|s| s.id)
            .with_context(|| format!("no session of {checklist} is running: start one first"))
    };
    match cmd {
        SessionCommand::Start {
            checklist,
            minutes,
            json,
        } => print::session(&d.start_session(&checklist, minutes)?, json),
        SessionCommand::Record {
            checklist,
            control,
            outcome,
            note,
        } => {
            let id = running(d, &checklist)?;
            let outcome = match outcome {
                OutcomeArg::Met => Some(Outcome::Met),
                OutcomeArg::NotMet => Some(Outcome::NotMet),
                OutcomeArg::FollowUp => Some(Outcome::FollowUp),
                OutcomeArg::Clear => None,
            };
            let s = d.record_outcome(id, &control, outcome.map(|o| (o, note.as_deref())))?;
            print::session(&s, false)
        }
        SessionCommand::Show { checklist, json } => {
            let s = match d.open_session(&checklist)? {
                Some(s) => s,
                None => d
                    .report(&checklist)?
                    .session
                    .with_context(|| format!("no session of {checklist} has run yet"))?,
            };
            print::session(&s, json)
        }
        SessionCommand::End { checklist } => {
            let id = running(d, &checklist)?;
            print::session(&d.end_session(id)?, false)
        }
    }
}

fn extractor() -> anyhow::Result<ExtractorConfig> {
    ExtractorConfig::current_exe()
        .context("cannot locate the dossier executable to start text extraction workers")
}

fn parse_targets(controls: &[String]) -> Result<Vec<ControlTarget>, dossier_core::Error> {
    controls
        .iter()
        .map(|c| c.parse().map_err(dossier_core::Error::Tag))
        .collect()
}
