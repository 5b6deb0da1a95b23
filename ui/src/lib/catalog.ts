import type { Category } from "./generated/Category";
import type { Checklist } from "./generated/Checklist";
import type { Control } from "./generated/Control";
import type { Section } from "./generated/Section";

/** A control as one checklist places it: with its section and category around it. */
export interface PlacedControl {
  control: Control;
  section: Section;
  category: Category;
}

/** One control ID across the whole catalog, for the tag picker and the control filter. */
export interface ControlEntry {
  id: string;
  title: string;
  section: string;
  category: string;
  evidenceItems: string[];
  /** IDs of the checklists that contain the control; more than one means a shared control. */
  checklists: string[];
  /** Lower-cased, accent-free text per field, prepared once for matching. */
  search: { id: string; title: string; place: string; items: string; requirement: string };
}

export interface CatalogIndex {
  /** Every control ID once, in checklist order (first checklist first). */
  controls: ControlEntry[];
  byId: Map<string, ControlEntry>;
  /** checklist id → control id → its placement in that checklist. */
  placed: Map<string, Map<string, PlacedControl>>;
}

export function normalise(text: string): string {
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
}

export function indexCatalog(checklists: readonly Checklist[]): CatalogIndex {
  const controls: ControlEntry[] = [];
  const byId = new Map<string, ControlEntry>();
  const placed = new Map<string, Map<string, PlacedControl>>();
  for (const checklist of checklists) {
    const here = new Map<string, PlacedControl>();
    placed.set(checklist.id, here);
    for (const section of checklist.sections) {
      for (const category of section.categories) {
        for (const control of category.controls) {
          here.set(control.id, { control, section, category });
          const known = byId.get(control.id);
          if (known) {
            if (!known.checklists.includes(checklist.id)) known.checklists.push(checklist.id);
            continue;
          }
          const entry = toEntry(control, section.title, category.title, checklist.id);
          byId.set(entry.id, entry);
          controls.push(entry);
        }
      }
    }
  }
  return { controls, byId, placed };
}

function toEntry(control: Control, section: string, category: string, checklist: string) {
  return {
    id: control.id,
    title: control.title,
    section,
    category,
    evidenceItems: control.evidence_items.map((item) => item.text),
    checklists: [checklist],
    search: {
      id: control.id.toLowerCase(),
      title: normalise(control.title),
      place: normalise(`${section} ${category}`),
      items: normalise(control.evidence_items.map((item) => item.text).join("\n")),
      requirement: normalise(control.requirement),
    },
  } satisfies ControlEntry;
}

// How much a query word found in each field is worth: an ID or title hit beats a mention
// somewhere in the requirement text.
const FIELD_WEIGHT = { id: 60, title: 40, place: 15, items: 12, requirement: 6 } as const;

/** Score of a control for a query, 0 when some query word is found nowhere. */
export function scoreControl(entry: ControlEntry, query: string): number {
  const q = normalise(query).trim();
  if (!q) return 1;
  const s = entry.search;
  let score = 0;
  if (s.id === q) score += 1000;
  else if (s.id.startsWith(q)) score += 800;
  else if (s.id.includes(q)) score += 500;
  if (q.includes(" ")) {
    if (s.title.includes(q)) score += 300;
    else if (s.items.includes(q) || s.requirement.includes(q)) score += 80;
  }
  for (const word of q.split(/\s+/)) {
    let best = 0;
    for (const field of Object.keys(FIELD_WEIGHT) as (keyof typeof FIELD_WEIGHT)[]) {
      const at = wordMatch(s[field], word);
      if (at > 0) best = Math.max(best, FIELD_WEIGHT[field] * at);
    }
    if (best === 0) return 0;
    score += best;
  }
  return score;
}

/** 1.5 when `word` starts a word of `text`, 1 when it occurs inside one, 0 when absent. */
function wordMatch(text: string, word: string): number {
  let at = text.indexOf(word);
  if (at < 0) return 0;
  while (at >= 0) {
    if (at === 0 || !/[\p{L}\p{N}]/u.test(text[at - 1])) return 1.5;
    at = text.indexOf(word, at + 1);
  }
  return 1;
}

/** Controls matching the query, best first; checklist order breaks ties. */
export function rankControls(
  controls: readonly ControlEntry[],
  query: string,
  limit = 50,
): ControlEntry[] {
  return controls
    .map((entry, order) => ({ entry, order, score: scoreControl(entry, query) }))
    .filter((r) => r.score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, limit)
    .map((r) => r.entry);
}

/** The controls of one checklist, in its order: what a session's quick jump searches. */
export function checklistControls(index: CatalogIndex, checklist: string): ControlEntry[] {
  const ids = [...(index.placed.get(checklist)?.keys() ?? [])];
  return ids.flatMap((id) => index.byId.get(id) ?? []);
}

/** A checklist as the selector lists it: "AWS Data and Analytics Competency" 7.1 → "Data and Analytics 7.1". */
export function checklistLabel(checklist: { name: string; version: string }): string {
  const name = checklist.name.replace(/^AWS /, "").replace(/ (Competency|Specialization)$/, "");
  return `${name} ${checklist.version}`;
}
