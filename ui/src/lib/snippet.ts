export interface Segment {
  text: string;
  hit: boolean;
}

/**
 * Splits a search snippet whose matches are wrapped in [ ] into plain and highlighted runs.
 * The result is rendered as text nodes, so markup inside a snippet stays inert text.
 * A bracket without its partner is kept as it is.
 */
export function snippetSegments(snippet: string): Segment[] {
  const out: Segment[] = [];
  let rest = snippet;
  while (rest) {
    const open = rest.indexOf("[");
    const close = open < 0 ? -1 : rest.indexOf("]", open + 1);
    if (open < 0 || close < 0) {
      push(out, rest, false);
      break;
    }
    push(out, rest.slice(0, open), false);
    push(out, rest.slice(open + 1, close), true);
    rest = rest.slice(close + 1);
  }
  return out;
}

function push(out: Segment[], text: string, hit: boolean): void {
  if (!text) return;
  const last = out.at(-1);
  if (last && last.hit === hit) last.text += text;
  else out.push({ text, hit });
}
