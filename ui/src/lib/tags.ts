// Tags are control IDs ("PRJ-003") or one evidence item of a control ("CSN-001#2").

export interface ParsedTag {
  control: string;
  /** 1-based evidence item, null for the control as a whole. */
  item: number | null;
}

export function parseTag(tag: string): ParsedTag {
  const hash = tag.indexOf("#");
  if (hash < 0) return { control: tag, item: null };
  const item = Number(tag.slice(hash + 1));
  return { control: tag.slice(0, hash), item: Number.isInteger(item) && item > 0 ? item : null };
}

export function makeTag(control: string, item: number | null): string {
  return item === null ? control : `${control}#${item}`;
}

/** Whether any tag points at `control`, as a whole or through one of its items. */
export function hasControl(tags: readonly string[], control: string): boolean {
  return tags.some((t) => t === control || t.startsWith(control + "#"));
}
