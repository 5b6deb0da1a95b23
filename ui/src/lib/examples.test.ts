import { describe, expect, it } from "vitest";
import {
  cellState,
  checkDraft,
  exampleCount,
  exampleCountLabel,
  folderChoices,
  fromDraft,
  matrixLayout,
  reportChoices,
  toDraft,
  uniqueCustomers,
} from "./examples";
import type { ControlCoverage } from "./generated/ControlCoverage";
import type { Coverage } from "./generated/Coverage";
import type { CustomerExample } from "./generated/CustomerExample";
import type { ExampleMatrix } from "./generated/ExampleMatrix";

function control(id: string, examples: ExampleMatrix | null, over: Partial<ControlCoverage> = {}) {
  return {
    id,
    title: `Title of ${id}`,
    section: "S",
    category: "C",
    status: "partial",
    progress: 0.5,
    items: [],
    missing_items: [],
    files: [],
    missing_files: [],
    examples,
    exempt_reason: null,
    ...over,
  } satisfies ControlCoverage;
}

function coverage(controls: ControlCoverage[]): Coverage {
  return {
    checklist: "x",
    name: "X",
    version: "1",
    percent: 0,
    covered: 0,
    partial: 0,
    gap: 0,
    waived: 0,
    not_applicable: 0,
    gaps: [],
    stale_examples: [],
    sections: [],
    controls,
    retired: [],
  };
}

const example = (name: string, customer: string): CustomerExample => ({
  id: 1,
  name,
  customer,
  industry: "",
  case_study_url: null,
  go_live: null,
  folder: null,
  wafr_report: null,
});

describe("folderChoices", () => {
  it("lists every folder that holds a file, parents before children, in natural order", () => {
    expect(
      folderChoices([
        "README.md",
        "Customers/Example 10/sow.pdf",
        "Customers/Example 2/arch/diagram.png",
        "Customers/Example 2/sow.pdf",
        "Operations/runbook.md",
      ]),
    ).toEqual([
      "Customers",
      "Customers/Example 2",
      "Customers/Example 2/arch",
      "Customers/Example 10",
      "Operations",
    ]);
  });

  it("keeps an example's folder that holds no file any more", () => {
    expect(folderChoices(["a/b.md"], "gone/away")).toEqual(["a", "gone/away"]);
    expect(folderChoices(["a/b.md"], "a")).toEqual(["a"]);
  });
});

describe("example counts", () => {
  const matrix: ExampleMatrix = {
    required: 4,
    examples: [
      { example: "A", stale: false, files: ["a.pdf"] },
      { example: "B", stale: false, files: [] },
      { example: "C", stale: false, files: ["c1.pdf", "c2.pdf"] },
      { example: "D", stale: false, files: [] },
    ],
  };

  it("counts the examples with files against the required number", () => {
    expect(exampleCount(matrix)).toEqual({ shown: 2, required: 4, total: 4 });
    expect(exampleCountLabel(exampleCount(matrix))).toBe("2 of 4 examples");
  });

  it("says how many are needed when fewer than all must show it", () => {
    expect(exampleCountLabel({ shown: 1, required: 2, total: 4 })).toBe("1 example, 2 needed");
    expect(exampleCountLabel({ shown: 3, required: 1, total: 4 })).toBe("3 examples, 1 needed");
    expect(exampleCountLabel({ shown: 0, required: 1, total: 1 })).toBe("0 of 1 example");
  });
});

describe("matrixLayout", () => {
  it("has a row per example-scoped control and a column per example, cells aligned", () => {
    const layout = matrixLayout(
      coverage([
        control("CSN-001", {
          required: 2,
          examples: [
            { example: "A", stale: false, files: ["a.pdf"] },
            { example: "B", stale: false, files: [] },
          ],
        }),
        control("PRJ-003", null),
        control(
          "OPE-001",
          { required: 1, examples: [{ example: "C", stale: false, files: ["c.pdf"] }] },
          { status: "waived", exempt_reason: "Approved AWS MSP" },
        ),
      ]),
    );
    expect(layout.columns).toEqual(["A", "B", "C"]);
    expect(layout.rows.map((r) => r.id)).toEqual(["CSN-001", "OPE-001"]);
    expect(layout.rows[0].cells).toEqual([["a.pdf"], [], null]);
    expect(layout.rows[0].count).toEqual({ shown: 1, required: 2, total: 2 });
    expect(layout.rows[1]).toMatchObject({
      status: "waived",
      reason: "Approved AWS MSP",
      cells: [null, null, ["c.pdf"]],
    });
  });

  it("marks a cell without files a gap only while too few examples show the control", () => {
    const row = {
      id: "X",
      title: "",
      status: "partial" as const,
      reason: null,
      count: { shown: 1, required: 2, total: 3 },
      cells: [["a.pdf"], [], null],
    };
    expect([0, 1, 2].map((i) => cellState(row, i))).toEqual(["shown", "missing", "none"]);
    const met = { ...row, count: { shown: 2, required: 2, total: 3 } };
    expect(cellState(met, 1)).toBe("spare");
    expect(cellState({ ...row, status: "not_applicable" }, 1)).toBe("exempt");
  });

  it("is empty without coverage", () => {
    expect(matrixLayout(null)).toEqual({ columns: [], rows: [] });
  });
});

describe("example form", () => {
  const existing = [example("Example 1", "Acme")];
  const draft = {
    ...toDraft(null),
    name: " Example 2 ",
    customer: "Globex ",
    caseStudyUrl: "",
    folder: "/Customers/Globex/",
    wafr_report: null,
  };

  it("turns a draft into the example to save, empty fields as null", () => {
    expect(fromDraft(draft)).toEqual({
      id: 0,
      name: "Example 2",
      customer: "Globex",
      industry: "",
      case_study_url: null,
      go_live: null,
      folder: "Customers/Globex",
      wafr_report: null,
    });
  });

  it("round-trips an example through a draft", () => {
    const full: CustomerExample = {
      id: 0,
      name: "Example 1",
      customer: "Acme",
      industry: "Retail",
      case_study_url: "https://example.com/acme",
      go_live: "2025-02-01",
      folder: "Customers/Acme",
      wafr_report: "Customers/Acme/WAFR report.pdf",
    };
    expect(fromDraft(toDraft(full))).toEqual(full);
  });

  it("offers WAFR report files under the example's folder first, keeping a chosen one", () => {
    const files = [
      { path: "Reviews/wafr-globex.pdf", status: "ok" },
      { path: "Customers/Acme/WAFR.pdf", status: "ok" },
      { path: "Customers/Acme/old.pdf", status: "missing" },
      { path: "Customers/Acme/notes.md", status: "ok" },
      { path: "Customers/Acme2/x.pdf", status: "ok" },
    ];
    expect(reportChoices(files, "Customers/Acme", "Customers/Acme/old.pdf")).toEqual({
      inFolder: ["Customers/Acme/notes.md", "Customers/Acme/old.pdf", "Customers/Acme/WAFR.pdf"],
      other: ["Customers/Acme2/x.pdf", "Reviews/wafr-globex.pdf"],
    });
    expect(reportChoices(files, "").inFolder).toEqual([]);
    expect(reportChoices(files, "").other).toHaveLength(4);
  });

  it("asks for a new name, a customer, a web URL and an ISO date", () => {
    expect(checkDraft(draft, existing, true)).toBeNull();
    expect(checkDraft({ ...draft, name: "  " }, existing, true)).toMatch(/name/);
    expect(checkDraft({ ...draft, name: "example 1" }, existing, true)).toMatch(/already/);
    expect(checkDraft({ ...draft, name: "Example 1" }, existing, false)).toBeNull();
    expect(checkDraft({ ...draft, customer: "" }, existing, true)).toMatch(/customer/);
    expect(checkDraft({ ...draft, caseStudyUrl: "acme.com/story" }, existing, true)).toMatch(
      /https/,
    );
    expect(checkDraft({ ...draft, goLive: "1/2/2025" }, existing, true)).toMatch(/YYYY/);
  });

  it("counts unique customers", () => {
    expect(
      uniqueCustomers([example("1", "Acme"), example("2", "acme "), example("3", "Globex")]),
    ).toBe(2);
  });
});
