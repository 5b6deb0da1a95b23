// Customer examples as the UI shows them: folder choices, the control × example matrix laid out
// from the coverage answer, and the example form. Nothing here decides coverage: a cell is
// "shown" exactly when the Rust side lists files for it.
import type { Coverage } from "./generated/Coverage";
import type { ControlCoverage } from "./generated/ControlCoverage";
import type { ControlStatus } from "./generated/ControlStatus";
import type { CustomerExample } from "./generated/CustomerExample";
import type { ExampleMatrix } from "./generated/ExampleMatrix";
import { collator, isInside } from "./paths";

/** The checklists ask for four customer examples, each a different customer. */
export const EXAMPLES_EXPECTED = 4;

/** Every folder of the evidence tree that holds a file (at any depth), in tree order. */
export function folderChoices(paths: Iterable<string>, keep: string | null = null): string[] {
  const folders = new Set<string>();
  for (const path of paths) {
    const parts = path.split("/");
    for (let i = 1; i < parts.length; i++) folders.add(parts.slice(0, i).join("/"));
  }
  // An example's folder that no longer holds files stays choosable, so editing keeps it.
  if (keep) folders.add(keep);
  return [...folders].sort(compareFolders);
}

/** Tree order: a folder right before its subfolders, names compared naturally per level. */
function compareFolders(a: string, b: string): number {
  const pa = a.split("/");
  const pb = b.split("/");
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const c = collator.compare(pa[i], pb[i]);
    if (c !== 0) return c;
  }
  return pa.length - pb.length;
}

/** How many examples of a control's matrix have files, against how many must. */
export interface ExampleCount {
  shown: number;
  required: number;
  total: number;
}

export function exampleCount(matrix: ExampleMatrix): ExampleCount {
  return {
    shown: matrix.examples.filter((e) => e.files.length > 0).length,
    required: matrix.required,
    total: matrix.examples.length,
  };
}

/** "1 of 4 examples" when every example must show it, "1 example, 2 needed" otherwise. */
export function exampleCountLabel({ shown, required, total }: ExampleCount): string {
  if (required >= total) return `${shown} of ${total} ${total === 1 ? "example" : "examples"}`;
  return `${shown} ${shown === 1 ? "example" : "examples"}, ${required} needed`;
}

export interface MatrixRow {
  id: string;
  title: string;
  status: ControlStatus;
  /** Why the control needs no evidence, for waived and not-applicable rows. */
  reason: string | null;
  count: ExampleCount;
  /** Files per column, aligned with `MatrixLayout.columns`; null when the column is absent. */
  cells: (string[] | null)[];
}

export interface MatrixLayout {
  /** Example names, in the order the coverage answer first lists them. */
  columns: string[];
  rows: MatrixRow[];
}

/** Rows = the controls with an example matrix, in checklist order; columns = the examples. */
export function matrixLayout(coverage: Coverage | null): MatrixLayout {
  const scoped = (coverage?.controls ?? []).filter(
    (c): c is ControlCoverage & { examples: ExampleMatrix } => c.examples !== null,
  );
  const columns: string[] = [];
  for (const c of scoped)
    for (const cell of c.examples.examples)
      if (!columns.includes(cell.example)) columns.push(cell.example);
  const rows = scoped.map((c) => {
    const files = new Map(c.examples.examples.map((e) => [e.example, e.files]));
    return {
      id: c.id,
      title: c.title,
      status: c.status,
      reason: c.exempt_reason,
      count: exampleCount(c.examples),
      cells: columns.map((name) => files.get(name) ?? null),
    };
  });
  return { columns, rows };
}

/** Files to choose an example's WAFR report from: those under its folder first. */
export interface ReportChoices {
  inFolder: string[];
  other: string[];
}

/**
 * Every present file by path, split by whether it is under `folder` (none when empty). A
 * report already chosen stays choosable even when its file is gone, so editing keeps it.
 */
export function reportChoices(
  files: readonly { path: string; status: string }[],
  folder: string,
  keep: string | null = null,
): ReportChoices {
  const paths = new Set(files.filter((f) => f.status !== "missing").map((f) => f.path));
  if (keep) paths.add(keep);
  const sorted = [...paths].sort((a, b) => collator.compare(a, b));
  const under = (p: string) => folder !== "" && isInside(p, folder);
  return { inFolder: sorted.filter(under), other: sorted.filter((p) => !under(p)) };
}

/** The example form's fields, all plain strings as inputs hold them. */
export interface ExampleDraft {
  name: string;
  customer: string;
  industry: string;
  caseStudyUrl: string;
  goLive: string;
  folder: string;
  /** The example's exported WAFR report (a relative file path), or null. */
  wafrReport: string | null;
}

export function toDraft(example: CustomerExample | null): ExampleDraft {
  return {
    name: example?.name ?? "",
    customer: example?.customer ?? "",
    industry: example?.industry ?? "",
    caseStudyUrl: example?.case_study_url ?? "",
    goLive: example?.go_live ?? "",
    folder: example?.folder ?? "",
    wafrReport: example?.wafr_report ?? null,
  };
}

/** What is wrong with the form before it is sent, or null. `adding`: the name must be new. */
export function checkDraft(
  draft: ExampleDraft,
  existing: readonly CustomerExample[],
  adding: boolean,
): string | null {
  const name = draft.name.trim();
  if (!name) return "Give the example a name, e.g. “Example 1 – Acme”.";
  if (adding && existing.some((e) => e.name.trim().toLowerCase() === name.toLowerCase()))
    return `There is already an example named “${name}”.`;
  if (!draft.customer.trim()) return "Name the customer.";
  const url = draft.caseStudyUrl.trim();
  if (url && !/^https?:\/\/\S+$/i.test(url))
    return "The case study URL starts with https:// (or http://).";
  if (draft.goLive && !/^\d{4}-\d{2}-\d{2}$/.test(draft.goLive))
    return "Give the go-live date as YYYY-MM-DD.";
  return null;
}

/** The example to save: trimmed, empty optional fields as null, id 0 (the store keys by name). */
export function fromDraft(draft: ExampleDraft): CustomerExample {
  const opt = (s: string) => s.trim() || null;
  return {
    id: 0,
    name: draft.name.trim(),
    customer: draft.customer.trim(),
    industry: draft.industry.trim(),
    case_study_url: opt(draft.caseStudyUrl),
    go_live: opt(draft.goLive),
    folder: opt(draft.folder.replace(/^\/+|\/+$/g, "")),
    wafr_report: draft.wafrReport,
  };
}

/** Distinct customers among the examples (case-insensitive), for the "four unique" hint. */
export function uniqueCustomers(examples: readonly CustomerExample[]): number {
  return new Set(examples.map((e) => e.customer.trim().toLowerCase()).filter(Boolean)).size;
}

/**
 * How a matrix cell reads: `shown` (files), `missing` (no files while fewer examples than
 * required show it: a gap), `spare` (no files, but enough other examples show it), `exempt`
 * (the control is waived or not applicable), `none` (the example is not in this row).
 */
export type CellState = "shown" | "missing" | "spare" | "exempt" | "none";

export function cellState(row: MatrixRow, column: number): CellState {
  const files = row.cells[column];
  if (files === null || files === undefined) return "none";
  if (row.status === "waived" || row.status === "not_applicable") return "exempt";
  if (files.length > 0) return "shown";
  return row.count.shown < row.count.required ? "missing" : "spare";
}
