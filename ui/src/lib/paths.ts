// Helpers for the relative, '/'-separated paths the Rust side hands out.

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** The folder part of a relative path, '' for a file at the top of the evidence folder. */
export function folderOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** True when `path` lies in `folder` or below it; every path lies in the root ''. */
export function isInside(path: string, folder: string): boolean {
  return folder === "" || path.startsWith(folder + "/");
}

/** The folders that contain `path`, outermost first, without the root. */
export function ancestorFolders(path: string): string[] {
  const parts = path.split("/").slice(0, -1);
  return parts.map((_, i) => parts.slice(0, i + 1).join("/"));
}

/** Last component of an absolute path of either platform, for folder labels. */
export function lastComponent(absolute: string): string {
  const trimmed = absolute.replace(/[\\/]+$/, "");
  return (
    trimmed.slice(Math.max(trimmed.lastIndexOf("/"), trimmed.lastIndexOf("\\")) + 1) || absolute
  );
}

/**
 * Natural, case-insensitive name order. Under a C/POSIX locale WebKit resolves to
 * "en-US-u-va-posix", whose collation is byte order (all capitals first): use plain English
 * rules there instead.
 */
export const collator = new Intl.Collator(
  new Intl.Collator().resolvedOptions().locale.includes("posix") ? "en" : undefined,
  { numeric: true, sensitivity: "base" },
);

/** The folder of an absolute path of either platform, to say where an export went. */
export function parentOf(absolute: string): string {
  const i = Math.max(absolute.lastIndexOf("/"), absolute.lastIndexOf("\\"));
  return i === 0 ? absolute.slice(0, 1) : absolute.slice(0, Math.max(i, 0));
}
