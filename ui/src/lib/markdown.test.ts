import { describe, expect, it } from "vitest";
import { renderMarkdown } from "./markdown";

describe("renderMarkdown", () => {
  it("renders headings, lists and emphasis", () => {
    const html = renderMarkdown("# Runbook\n\n- **Restart** the job\n- check `logs`");
    expect(html).toContain("<h1>Runbook</h1>");
    expect(html).toContain("<li><strong>Restart</strong> the job</li>");
    expect(html).toContain("<code>logs</code>");
  });

  it("shows raw HTML as text instead of markup", () => {
    const html = renderMarkdown('Hi <script>alert(1)</script>\n\n<img src=x onerror="alert(1)">');
    expect(html).not.toMatch(/<script|<img/i);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
  });

  it("renders links without a navigable href, whatever their scheme", () => {
    const html = renderMarkdown('[click](javascript:alert(1)) and [site](https://example.com "t")');
    expect(html).not.toMatch(/<a\b|href=/i);
    expect(html).toContain('<span class="md-link" title="javascript:alert(1)">click</span>');
  });

  it("does not load images", () => {
    const html = renderMarkdown('![diagram" onload="x](http://example.com/a.png)');
    expect(html).not.toMatch(/<img/i);
    expect(html).toContain("[image: diagram&quot; onload=&quot;x]");
  });

  it("escapes code blocks", () => {
    expect(renderMarkdown("```\n<b>x</b>\n```")).toContain("&lt;b&gt;x&lt;/b&gt;");
  });
});
