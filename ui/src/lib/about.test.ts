import { describe, expect, it } from "vitest";
import { componentVersion, filterPackages, licenseCounts, licenseSummary } from "./about";
import type { ThirdPartyPackage } from "./generated/ThirdPartyPackage";

const pkg = (name: string, license: string, kind = "crate"): ThirdPartyPackage => ({
  kind,
  name,
  version: "1.0.0",
  license,
});

const PACKAGES = [
  pkg("serde", "MIT OR Apache-2.0"),
  pkg("tauri", "Apache-2.0 OR MIT"),
  pkg("rusqlite", "MIT"),
  pkg("notify", "CC0-1.0 OR MIT-0 OR Apache-2.0"),
  pkg("blake3", "MIT OR Apache-2.0"),
  pkg("svelte", "MIT", "npm"),
];

describe("licenseCounts", () => {
  it("counts each licence expression, the most common first, ties by name", () => {
    expect(licenseCounts(PACKAGES)).toEqual([
      { license: "MIT", count: 2 },
      { license: "MIT OR Apache-2.0", count: 2 },
      { license: "Apache-2.0 OR MIT", count: 1 },
      { license: "CC0-1.0 OR MIT-0 OR Apache-2.0", count: 1 },
    ]);
  });

  it("is empty for no packages", () => {
    expect(licenseCounts([])).toEqual([]);
  });
});

describe("licenseSummary", () => {
  it("names the most common licences and counts the others", () => {
    const counts = licenseCounts(PACKAGES);
    expect(licenseSummary(counts, 2)).toBe(
      "2 under MIT · 2 under MIT OR Apache-2.0 · 2 other licences",
    );
    expect(licenseSummary(counts, 3)).toBe(
      "2 under MIT · 2 under MIT OR Apache-2.0 · 1 under Apache-2.0 OR MIT · 1 other licence",
    );
    expect(licenseSummary(counts, 9)).toBe(
      "2 under MIT · 2 under MIT OR Apache-2.0 · 1 under Apache-2.0 OR MIT · 1 under CC0-1.0 OR MIT-0 OR Apache-2.0",
    );
  });
});

describe("filterPackages", () => {
  it("keeps every package for a blank query", () => {
    expect(filterPackages(PACKAGES, "  ")).toBe(PACKAGES);
  });

  it("matches names and licences, ignoring case", () => {
    expect(filterPackages(PACKAGES, "SQLite").map((p) => p.name)).toEqual(["rusqlite"]);
    expect(filterPackages(PACKAGES, "cc0").map((p) => p.name)).toEqual(["notify"]);
  });
});

describe("componentVersion", () => {
  it("shows the version, or 'system' for what the system provides", () => {
    const c = { name: "Tauri", role: "", version: "2.9.0", license: "MIT" };
    expect(componentVersion(c)).toBe("2.9.0");
    expect(componentVersion({ ...c, name: "WebKitGTK", version: null })).toBe("system");
  });
});
