import { describe, expect, it } from "vitest";
import { snippetSegments } from "./snippet";

describe("snippetSegments", () => {
  it("marks the bracketed words as hits", () => {
    expect(snippetSegments("…operations [runbook] version [1.4]")).toEqual([
      { text: "…operations ", hit: false },
      { text: "runbook", hit: true },
      { text: " version ", hit: false },
      { text: "1.4", hit: true },
    ]);
  });

  it("keeps markup as plain text inside and outside hits", () => {
    const segments = snippetSegments('<img src=x onerror="alert(1)"> [<script>]');
    expect(segments).toEqual([
      { text: '<img src=x onerror="alert(1)"> ', hit: false },
      { text: "<script>", hit: true },
    ]);
    expect(segments.map((s) => s.text).join("")).toBe('<img src=x onerror="alert(1)"> <script>');
  });

  it("keeps a bracket without a partner", () => {
    expect(snippetSegments("a [b")).toEqual([{ text: "a [b", hit: false }]);
    expect(snippetSegments("a] [b]")).toEqual([
      { text: "a] ", hit: false },
      { text: "b", hit: true },
    ]);
  });

  it("returns nothing for an empty snippet and drops empty hits", () => {
    expect(snippetSegments("")).toEqual([]);
    expect(snippetSegments("x[]y")).toEqual([{ text: "xy", hit: false }]);
  });
});
