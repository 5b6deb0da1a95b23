import { Marked, type Tokens } from "marked";

const ENTITIES: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

// Evidence files are not trusted: raw HTML is shown as text, links do not navigate (the
// window is the app itself) and images are not fetched (the CSP would refuse them anyway).
const marked = new Marked({
  gfm: true,
  async: false,
  renderer: {
    html({ text }: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(text);
    },
    link({ href, tokens }: Tokens.Link) {
      return `<span class="md-link" title="${escapeHtml(href)}">${this.parser.parseInline(tokens)}</span>`;
    },
    image({ text }: Tokens.Image) {
      return `<span class="md-image">[image: ${escapeHtml(text)}]</span>`;
    },
  },
});

/** Markdown as HTML that is safe to insert: every tag in it comes from the renderer. */
export function renderMarkdown(source: string): string {
  return marked.parse(source) as string;
}
