import type { FileEntry } from "./generated/FileEntry";
import { baseName, collator } from "./paths";

export interface FolderNode {
  name: string;
  /** Relative folder path, '' for the evidence folder itself. */
  path: string;
  folders: FolderNode[];
  files: FileEntry[];
  /** Files in this folder and below. */
  count: number;
  /** Missing files in this folder and below, so a folder can warn before it is opened. */
  missing: number;
}

export type TreeRow =
  | { kind: "folder"; node: FolderNode; depth: number; expanded: boolean }
  | { kind: "file"; file: FileEntry; depth: number };

export function buildTree(files: readonly FileEntry[], rootName: string): FolderNode {
  const root = folder(rootName, "");
  const byPath = new Map<string, FolderNode>([["", root]]);
  for (const file of files) {
    const parts = file.path.split("/");
    let node = root;
    node.count++;
    if (file.status === "missing") node.missing++;
    for (let i = 0; i < parts.length - 1; i++) {
      const path = parts.slice(0, i + 1).join("/");
      let child = byPath.get(path);
      if (!child) {
        child = folder(parts[i], path);
        byPath.set(path, child);
        node.folders.push(child);
      }
      node = child;
      node.count++;
      if (file.status === "missing") node.missing++;
    }
    node.files.push(file);
  }
  sortTree(root);
  return root;
}

function folder(name: string, path: string): FolderNode {
  return { name, path, folders: [], files: [], count: 0, missing: 0 };
}

function sortTree(node: FolderNode): void {
  node.folders.sort((a, b) => collator.compare(a.name, b.name));
  node.files.sort((a, b) => collator.compare(baseName(a.path), baseName(b.path)));
  node.folders.forEach(sortTree);
}

/** The rows a tree shows with the given folders expanded: folders first, then files. */
export function visibleRows(root: FolderNode, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (node: FolderNode, depth: number) => {
    const open = node.path === "" || expanded.has(node.path);
    rows.push({ kind: "folder", node, depth, expanded: open });
    if (!open) return;
    for (const child of node.folders) walk(child, depth + 1);
    for (const file of node.files) rows.push({ kind: "file", file, depth: depth + 1 });
  };
  walk(root, 0);
  return rows;
}
