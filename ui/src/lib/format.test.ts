import { describe, expect, it } from "vitest";
import { formatClock, formatPercent, formatSize, plural } from "./format";

describe("format", () => {
  it("formats sizes with one decimal below 10", () => {
    expect(formatSize(796)).toBe("796 B");
    expect(formatSize(7633)).toBe("7.5 KB");
    expect(formatSize(250 * 1024)).toBe("250 KB");
    expect(formatSize(5 * 1024 * 1024)).toBe("5.0 MB");
  });

  it("formats readiness like the core reports it", () => {
    expect(formatPercent(18.7)).toBe("18.7%");
    expect(formatPercent(100)).toBe("100%");
  });

  it("formats durations as a clock", () => {
    expect(formatClock(0)).toBe("0:00");
    expect(formatClock(65.9)).toBe("1:05");
    expect(formatClock(3729)).toBe("1:02:09");
    expect(formatClock(-30)).toBe("0:00");
  });

  it("pluralises", () => {
    expect(plural(1, "file")).toBe("1 file");
    expect(plural(3, "file")).toBe("3 files");
  });
});
