//! The evidence index report as one self-contained HTML file (inline style, no scripts, no
//! external assets): readiness, gaps, waivers, prerequisites, then per section and control
//! the evidence with relative links, and the session outcomes if a session ran.

use super::report::{status_label, Report, ReportControl};
use crate::coverage::ControlStatus;
use crate::freshness::format_time;
use crate::prerequisites::PrerequisiteState;
use percent_encoding::{utf8_percent_encode, AsciiSet, CONTROLS};
use std::collections::HashMap;
use std::fmt::Write;
use std::path::{Component, Path};

/// Where the report's file links point.
pub enum Links<'a> {
    /// A standalone report written at this path: links lead to the evidence folder.
    ToFolder(&'a Path),
    /// Inside a pack: (control, source) → the copy's path in the pack.
    InPack(&'a HashMap<(String, String), String>),
}

impl Links<'_> {
    /// The link to one file: relative, each name percent-encoded as a whole (a `\` in a
    /// name stays in it), and never leaving the pack for a pack's copy.
    fn href(&self, report: &Report, control: &str, source: &str) -> Option<String> {
        let segments: Vec<String> = match self {
            Self::InPack(map) => {
                let target = map.get(&(control.to_string(), source.to_string()))?;
                let segments: Vec<&str> = target.split('/').collect();
                if segments.iter().any(|s| matches!(*s, "" | "." | "..")) {
                    return None;
                }
                segments.into_iter().map(str::to_string).collect()
            }
            Self::ToFolder(out) => {
                let file = &report.files.get(source)?.absolute;
                let relative = pathdiff::diff_paths(file, out.parent()?)?;
                let mut segments = Vec::new();
                for part in relative.components() {
                    match part {
                        Component::Normal(name) => segments.push(name.to_string_lossy().into()),
                        Component::ParentDir => segments.push("..".into()),
                        Component::CurDir => {}
                        Component::RootDir | Component::Prefix(_) => return None,
                    }
                }
                segments
            }
        };
        Some(
            segments
                .iter()
                .map(|seg| match seg.as_str() {
                    ".." => "..".to_string(),
                    seg => utf8_percent_encode(seg, SEGMENT).to_string(),
                })
                .collect::<Vec<_>>()
                .join("/"),
        )
    }
}

/// Characters that cannot stay as they are in one segment of a relative URL: `\` is a
/// separator to browsers, and `:` in a first segment would read as a scheme.
const SEGMENT: &AsciiSet = &CONTROLS
    .add(b' ')
    .add(b'"')
    .add(b'#')
    .add(b'%')
    .add(b'/')
    .add(b':')
    .add(b'<')
    .add(b'>')
    .add(b'?')
    .add(b'\\')
    .add(b'`')
    .add(b'{')
    .add(b'}')
    .add(b'\'');

/// Escapes text for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = "
:root{--ok:#1a7f37;--part:#9a6700;--gap:#cf222e;--muted:#57606a;--line:#d0d7de}
body{font:15px/1.5 system-ui,-apple-system,'Segoe UI',sans-serif;color:#1f2328;max-width:960px;margin:2rem auto;padding:0 1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.25rem;border-bottom:1px solid var(--line);padding-bottom:.3rem;margin-top:2.2rem}
h3{font-size:1rem;margin:1.4rem 0 .3rem}.muted{color:var(--muted)}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.35rem .5rem;border-bottom:1px solid var(--line)}
.status{display:inline-block;border-radius:1rem;padding:0 .6rem;font-size:.8rem;font-weight:600;color:#fff}
.covered{background:var(--ok)}.partial{background:var(--part)}.gap{background:var(--gap)}.waived,.not_applicable{background:var(--muted)}
.met{color:var(--ok)}.not_met{color:var(--gap)}.follow_up{color:var(--part)}
.control{border:1px solid var(--line);border-radius:8px;padding:.6rem 1rem;margin:.8rem 0;break-inside:avoid}
.control h3{margin:.2rem 0}.req{white-space:pre-line;color:var(--muted);font-size:.9rem;margin:.4rem 0}ul.req{white-space:normal}
ul.items{padding-left:1.2rem;margin:.3rem 0}ul.items li{margin:.2rem 0}.yes::marker{content:'✓ ';color:var(--ok)}.no::marker{content:'✗ ';color:var(--gap)}
.files{font-size:.9rem}.missing{color:var(--gap)}.outcome{margin-top:.4rem;font-size:.9rem}
.bar{height:10px;background:#eaeef2;border-radius:5px;overflow:hidden;max-width:420px}.bar span{display:block;height:100%;background:var(--ok)}
@media print{body{margin:0;max-width:none}a{color:inherit}}
";

pub fn render(report: &Report, links: &Links) -> String {
    let mut h = String::new();
    let title = format!("{} — evidence index", report.name);
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width\">\
         <meta name=\"generator\" content=\"Dossier\">\
         <title>{}</title><style>{STYLE}</style></head><body>",
        esc(&title)
    );
    summary(&mut h, report);
    session(&mut h, report);
    gaps(&mut h, report);
    not_copied(&mut h, report);
    waivers(&mut h, report);
    prerequisites(&mut h, report);
    controls(&mut h, report, links);
    retired(&mut h, report);
    h.push_str("</body></html>\n");
    h
}

fn summary(h: &mut String, r: &Report) {
    let c = &r.coverage;
    let _ = write!(
        h,
        "<header><h1>{}</h1><p class=\"muted\">Version {} · evidence index generated {} by Dossier</p>\
         <p><strong id=\"readiness\">{:.0}% ready</strong></p><div class=\"bar\"><span style=\"width:{:.0}%\"></span></div>\
         <p>{} covered · {} partial · {} gaps · {} waived · {} not applicable — {} controls</p></header>",
        esc(&r.name),
        esc(&r.version),
        format_time(r.generated_at),
        r.percent,
        r.percent.clamp(0.0, 100.0),
        c.covered,
        c.partial,
        c.gap,
        c.waived,
        c.not_applicable,
        r.controls.len()
    );
}

fn session(h: &mut String, r: &Report) {
    let Some(s) = &r.session else { return };
    let ended = s
        .ended_at
        .map(|t| format!(", ended {}", format_time(t)))
        .unwrap_or_default();
    let _ = write!(
        h,
        "<section id=\"session\"><h2>Validation session</h2><p>Started {}{ended} · planned {} min · {} of {} controls recorded</p>",
        format_time(s.started_at),
        s.planned_minutes,
        s.pace.recorded,
        s.pace.controls
    );
    if !s.follow_ups.is_empty() {
        h.push_str("<h3>Action list</h3><table><tr><th>Control</th><th>Follow-up</th><th>Recorded</th></tr>");
        for f in &s.follow_ups {
            let title = r.title_of(&f.control);
            let _ = write!(
                h,
                "<tr><td><a href=\"#{id}\">{id}</a> {}</td><td>{}</td><td>{}</td></tr>",
                esc(title),
                esc(f.note.as_deref().unwrap_or("")),
                format_time(f.recorded_at),
                id = esc(&f.control)
            );
        }
        h.push_str("</table>");
    }
    h.push_str("</section>");
}

fn gaps(h: &mut String, r: &Report) {
    let open = r.open_controls();
    h.push_str("<section id=\"gaps\"><h2>Gaps</h2>");
    if open.is_empty() {
        h.push_str("<p>Every required control has its evidence.</p></section>");
        return;
    }
    h.push_str("<table><tr><th>Control</th><th>Status</th><th>Still missing</th></tr>");
    for c in open {
        let _ = write!(
            h,
            "<tr><td><a href=\"#{id}\">{id}</a> {}</td><td>{}</td><td>{}</td></tr>",
            esc(&c.coverage.title),
            badge(c.coverage.status),
            c.coverage
                .missing_items
                .iter()
                .map(|m| esc(m))
                .collect::<Vec<_>>()
                .join("<br>"),
            id = esc(&c.coverage.id)
        );
    }
    h.push_str("</table></section>");
}

/// Tagged files a pack left out: the reviewer must know what is missing and why.
fn not_copied(h: &mut String, r: &Report) {
    if r.not_copied.is_empty() {
        return;
    }
    h.push_str(
        "<section id=\"not-copied\"><h2>Not in this pack</h2>\
         <p>These tagged files were not copied into the pack:</p><ul>",
    );
    for n in &r.not_copied {
        let _ = write!(
            h,
            "<li class=\"missing\"><strong>{}</strong>: {}</li>",
            esc(&n.path),
            esc(&n.reason)
        );
    }
    h.push_str("</ul></section>");
}

fn waivers(h: &mut String, r: &Report) {
    if r.waivers.is_empty() {
        return;
    }
    h.push_str("<section id=\"waivers\"><h2>Waivers</h2><ul>");
    for w in &r.waivers {
        let reference = w
            .reference
            .as_deref()
            .map(|x| format!(" ({})", esc(x)))
            .unwrap_or_default();
        let _ = write!(
            h,
            "<li><strong>{}</strong>: {}{reference}</li>",
            w.kind.as_str().to_uppercase(),
            esc(&w.reason)
        );
    }
    h.push_str("</ul></section>");
}

fn prerequisites(h: &mut String, r: &Report) {
    if r.prerequisites.is_empty() {
        return;
    }
    h.push_str("<section id=\"prerequisites\"><h2>Prerequisites</h2><table><tr><th>Item</th><th>State</th><th>Value</th></tr>");
    for p in &r.prerequisites {
        let state = match p.state {
            PrerequisiteState::Met => "<span class=\"met\">Met</span>",
            PrerequisiteState::NotMet => "<span class=\"not_met\">Not met</span>",
            PrerequisiteState::Unknown => "<span class=\"muted\">Not recorded</span>",
        };
        let _ = write!(
            h,
            "<tr><td>{} {}</td><td>{state}</td><td>{}</td></tr>",
            esc(&p.id),
            esc(&p.title),
            esc(p.value.as_deref().unwrap_or(""))
        );
    }
    h.push_str("</table></section>");
}

fn controls(h: &mut String, r: &Report, links: &Links) {
    let mut section = None;
    for c in &r.controls {
        let cov = &c.coverage;
        if section != Some(&cov.section) {
            let percent = r
                .coverage
                .sections
                .iter()
                .find(|s| s.title == cov.section)
                .map(|s| format!(" <span class=\"muted\">{:.0}%</span>", s.percent))
                .unwrap_or_default();
            let _ = write!(h, "<h2>{}{percent}</h2>", esc(&cov.section));
            section = Some(&cov.section);
        }
        let _ = write!(
            h,
            "<div class=\"control\" id=\"{id}\"><h3>{id} — {} {}</h3><div class=\"muted\">{}</div>",
            esc(&cov.title),
            badge(cov.status),
            esc(&cov.category),
            id = esc(&cov.id)
        );
        requirement(h, &c.requirement);
        if let Some(reason) = &cov.exempt_reason {
            let _ = write!(
                h,
                "<p><strong>{}:</strong> {}</p>",
                status_label(cov.status),
                esc(reason)
            );
        }
        items(h, r, c, links);
        if let Some(o) = &c.outcome {
            let _ = write!(
                h,
                "<p class=\"outcome\">Reviewer: <strong class=\"{}\">{}</strong> {} <span class=\"muted\">({})</span></p>",
                o.outcome.as_str(),
                o.outcome.label(),
                o.note.as_deref().map(|n| format!("— {}", esc(n))).unwrap_or_default(),
                format_time(o.recorded_at)
            );
        }
        h.push_str("</div>");
    }
}

/// The requirement's paragraphs, with its "- " lines as a list.
fn requirement(h: &mut String, text: &str) {
    for block in text.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        let lines: Vec<&str> = block.lines().map(str::trim).collect();
        if lines.iter().all(|l| l.starts_with("- ")) {
            h.push_str("<ul class=\"req\">");
            for l in lines {
                let _ = write!(h, "<li>{}</li>", esc(&l[2..]));
            }
            h.push_str("</ul>");
        } else {
            let _ = write!(h, "<p class=\"req\">{}</p>", esc(block));
        }
    }
}

fn items(h: &mut String, r: &Report, c: &ReportControl, links: &Links) {
    let cov = &c.coverage;
    let link = |path: &str| match links.href(r, &cov.id, path) {
        Some(href) => format!("<a href=\"{}\">{}</a>", esc(&href), esc(path)),
        None => esc(path),
    };
    if !cov.items.is_empty() {
        h.push_str("<ul class=\"items\">");
        for item in &cov.items {
            let mut evidence: Vec<String> = item.files.iter().map(|f| link(f)).collect();
            if let Some(a) = &item.attestation {
                evidence.push(format!("presented by {}", esc(&a.presenter)));
            }
            let _ = write!(
                h,
                "<li class=\"{}\">{}<div class=\"files\">{}</div></li>",
                if item.covered { "yes" } else { "no" },
                esc(&item.text),
                evidence.join(" · ")
            );
        }
        h.push_str("</ul>");
    } else if !cov.files.is_empty() {
        let files: Vec<String> = cov.files.iter().map(|f| link(f)).collect();
        let _ = write!(h, "<div class=\"files\">{}</div>", files.join(" · "));
    }
    for m in &cov.missing_files {
        let _ = write!(
            h,
            "<div class=\"files missing\">Missing from the folder: {}</div>",
            esc(m)
        );
    }
}

/// Controls earlier versions had, with the evidence still tagged to them: not counted.
fn retired(h: &mut String, r: &Report) {
    if r.coverage.retired.is_empty() {
        return;
    }
    h.push_str(
        "<section id=\"retired\"><h2>No longer in this version</h2>\
         <p>Controls of earlier versions, with the evidence still tagged to them; not counted.</p><ul>",
    );
    for c in &r.coverage.retired {
        let files: Vec<String> = c
            .files
            .iter()
            .map(|f| esc(f))
            .chain(
                c.missing_files
                    .iter()
                    .map(|m| format!("<span class=\"missing\">missing: {}</span>", esc(m))),
            )
            .collect();
        let _ = write!(
            h,
            "<li><strong>{}</strong> {} (in {})<div class=\"files\">{}</div></li>",
            esc(&c.id),
            esc(&c.title),
            esc(&c.version),
            files.join(" · ")
        );
    }
    h.push_str("</ul></section>");
}

fn badge(status: ControlStatus) -> String {
    let class = match status {
        ControlStatus::Covered => "covered",
        ControlStatus::Partial => "partial",
        ControlStatus::Gap => "gap",
        ControlStatus::Waived => "waived",
        ControlStatus::NotApplicable => "not_applicable",
    };
    format!(
        "<span class=\"status {class}\">{}</span>",
        status_label(status)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_for_content_and_attributes() {
        assert_eq!(
            esc(r#"<a href="x">R&D's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;R&amp;D&#39;s&lt;/a&gt;"
        );
    }
}
