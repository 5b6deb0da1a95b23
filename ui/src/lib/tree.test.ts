import { describe, expect, it } from "vitest";
import { buildTree, visibleRows } from "./tree";
import { entry } from "./test-data";

const files = [
  entry("Operations/Runbooks/runbook.md"),
  entry("Operations/RCA/RCA-10.pdf", { status: "missing" }),
  entry("Operations/RCA/RCA-9.pdf"),
  entry("README.md"),
  entry("Admin/office.jpg"),
];

describe("buildTree", () => {
  const root = buildTree(files, "evidence");

  it("nests folders by path and counts files below each folder", () => {
    expect(root.count).toBe(5);
    expect(root.folders.map((f) => f.name)).toEqual(["Admin", "Operations"]);
    const ops = root.folders[1];
    expect(ops.path).toBe("Operations");
    expect(ops.count).toBe(3);
    expect(ops.folders.map((f) => f.path)).toEqual(["Operations/RCA", "Operations/Runbooks"]);
  });

  it("counts missing files up the chain", () => {
    expect(root.missing).toBe(1);
    expect(root.folders[1].missing).toBe(1);
    expect(root.folders[0].missing).toBe(0);
  });

  it("keeps top-level files on the root and sorts names naturally", () => {
    expect(root.files.map((f) => f.path)).toEqual(["README.md"]);
    const rca = root.folders[1].folders[0];
    expect(rca.files.map((f) => f.path)).toEqual([
      "Operations/RCA/RCA-9.pdf",
      "Operations/RCA/RCA-10.pdf",
    ]);
  });
});

describe("visibleRows", () => {
  const root = buildTree(files, "evidence");

  it("shows only the root's children while nothing is expanded", () => {
    const rows = visibleRows(root, new Set());
    expect(rows.map((r) => (r.kind === "folder" ? r.node.path : r.file.path))).toEqual([
      "",
      "Admin",
      "Operations",
      "README.md",
    ]);
    expect(rows.map((r) => r.depth)).toEqual([0, 1, 1, 1]);
  });

  it("lists an expanded folder's subfolders before its files, one level deeper", () => {
    const rows = visibleRows(root, new Set(["Operations", "Operations/RCA"]));
    const ops = rows.findIndex((r) => r.kind === "folder" && r.node.path === "Operations");
    expect(rows[ops]).toMatchObject({ expanded: true, depth: 1 });
    expect(rows[ops + 1]).toMatchObject({ kind: "folder", depth: 2 });
    expect(rows[ops + 2]).toMatchObject({ kind: "file", depth: 3 });
    expect(rows).toHaveLength(8);
  });
});
