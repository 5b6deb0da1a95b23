import { describe, expect, it } from "vitest";
import {
  isOutside,
  linkTarget,
  matchesFilter,
  quickCounts,
  sortFiles,
  type FileFilter,
} from "./filelist";
import { entry } from "./test-data";

const NO_FILTER: FileFilter = {
  folder: "",
  quick: "all",
  control: "",
  hits: null,
  suggested: new Set(),
};
const sow = entry("Delivery/SOW v3.docx", { kind: "word", size: 3706, tags: ["PRJ-003"] });
const acceptance = entry("Delivery/acceptance.pdf", { kind: "pdf", size: 90, tags: ["CSN-001#2"] });
const scan = entry("Scans/signed.pdf", { kind: "pdf", status: "no_text_layer", size: 5000 });
const gone = entry("Delivery/old-rca.pdf", { kind: "pdf", status: "missing", tags: ["PRFM-001"] });
const locked = entry("Security/policy.pdf", { kind: "pdf", status: "encrypted", modified: 1 });
const all = [sow, acceptance, scan, gone, locked];

const only = (filter: Partial<FileFilter>) =>
  all.filter((f) => matchesFilter(f, { ...NO_FILTER, ...filter })).map((f) => f.path);

describe("matchesFilter", () => {
  it("narrows to a folder and everything below it, not to folders with a similar name", () => {
    const extra = entry("Delivery Archive/x.md");
    expect(matchesFilter(extra, { ...NO_FILTER, folder: "Delivery" })).toBe(false);
    expect(only({ folder: "Delivery" })).toEqual([sow.path, acceptance.path, gone.path]);
  });

  it("finds untagged and missing files", () => {
    expect(only({ quick: "untagged" })).toEqual([scan.path, locked.path]);
    expect(only({ quick: "missing" })).toEqual([gone.path]);
  });

  it("finds the files with a strong suggestion", () => {
    expect(only({ quick: "suggested", suggested: new Set([scan.path, sow.path]) })).toEqual([
      sow.path,
      scan.path,
    ]);
  });

  it("treats every status but ok and missing as unreadable", () => {
    expect(only({ quick: "unreadable" })).toEqual([scan.path, locked.path]);
  });

  it("matches a control tagged as a whole or through one evidence item", () => {
    expect(only({ control: "CSN-001" })).toEqual([acceptance.path]);
    expect(only({ control: "PRJ-003" })).toEqual([sow.path]);
    expect(only({ control: "PRJ-00" })).toEqual([]);
  });

  it("keeps only search hits while a search is active, combined with other filters", () => {
    const hits = new Set([sow.path, scan.path]);
    expect(only({ hits })).toEqual([sow.path, scan.path]);
    expect(only({ hits, quick: "untagged" })).toEqual([scan.path]);
  });
});

describe("sortFiles", () => {
  const paths = (files: { path: string }[]) => files.map((f) => f.path);

  it("sorts by file name, not by folder", () => {
    expect(paths(sortFiles(all, "name", "asc"))).toEqual([
      acceptance.path,
      gone.path,
      locked.path,
      scan.path,
      sow.path,
    ]);
  });

  it("sorts by size both ways", () => {
    expect(paths(sortFiles(all, "size", "desc")).slice(0, 2)).toEqual([scan.path, sow.path]);
    expect(paths(sortFiles(all, "size", "asc"))[0]).toBe(acceptance.path);
  });

  it("puts problems first when sorting by status", () => {
    expect(paths(sortFiles(all, "status", "asc")).slice(0, 3)).toEqual([
      gone.path,
      locked.path,
      scan.path,
    ]);
  });

  it("breaks ties by name, then path, and leaves the input untouched", () => {
    const before = paths(all);
    expect(paths(sortFiles(all, "kind", "asc"))).toEqual([
      acceptance.path,
      gone.path,
      locked.path,
      scan.path,
      sow.path,
    ]);
    expect(paths(all)).toEqual(before);
    const twins = [entry("b/same.md"), entry("a/same.md")];
    expect(paths(sortFiles(twins, "name", "asc"))).toEqual(["a/same.md", "b/same.md"]);
  });

  it("sorts names naturally and reverses them descending", () => {
    const rca = [entry("RCA-10.pdf"), entry("rca-9.pdf"), entry("RCA-100.pdf")];
    expect(paths(sortFiles(rca, "name", "asc"))).toEqual([
      "rca-9.pdf",
      "RCA-10.pdf",
      "RCA-100.pdf",
    ]);
    expect(paths(sortFiles(rca, "name", "desc"))).toEqual([
      "RCA-100.pdf",
      "RCA-10.pdf",
      "rca-9.pdf",
    ]);
  });

  it("sorts by modification time", () => {
    expect(paths(sortFiles(all, "modified", "asc"))[0]).toBe(locked.path);
  });
});

describe("files Dossier does not read", () => {
  const doc = entry("Delivery/old network.vsd", {
    kind: "diagram",
    status: "not_read",
    detail: "Dossier does not read text from this format; tag it by hand",
  });
  const creds = entry("Links/credentials", {
    status: "outside_folder",
    detail: "a link to a file outside the evidence folder: Dossier does not read it",
  });
  const crashed = entry("Delivery/big.pdf", { kind: "pdf", status: "reader_failed" });
  const link = entry("Links/SOW.pdf", { kind: "pdf", detail: "link to Templates/SOW.pdf" });
  const files = [sow, gone, locked, doc, creds, crashed, link];
  const kept = (quick: FileFilter["quick"]) =>
    files.filter((f) => matchesFilter(f, { ...NO_FILTER, quick })).map((f) => f.path);

  it("finds formats without a reader and links that leave the folder, each with a filter", () => {
    expect(kept("not_read")).toEqual([doc.path]);
    expect(kept("outside")).toEqual([creds.path]);
  });

  it("keeps 'Unreadable' for problems: a link that leaves the folder is one, a .doc is not", () => {
    expect(kept("unreadable")).toEqual([locked.path, creds.path, crashed.path]);
  });

  it("counts what each quick filter keeps", () => {
    expect(quickCounts(files, new Set([sow.path]))).toEqual({
      all: 7,
      untagged: 5,
      suggested: 1,
      missing: 1,
      unreadable: 3,
      not_read: 1,
      outside: 1,
      online_only: 0,
    });
  });

  it("tells a link that leaves the folder from a link to a file of the folder", () => {
    expect(isOutside(creds)).toBe(true);
    expect(isOutside(link)).toBe(false);
    expect(isOutside(undefined)).toBe(false);
    expect(linkTarget(link)).toBe("Templates/SOW.pdf");
    expect(linkTarget(creds)).toBeNull();
    expect(linkTarget(entry("empty.txt", { detail: "empty file" }))).toBeNull();
  });
});
