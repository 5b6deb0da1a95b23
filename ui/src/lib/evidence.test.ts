import { clearMocks, mockConvertFileSrc } from "@tauri-apps/api/mocks";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { evidenceUrl, refusalMessage } from "./evidence";

beforeAll(() => {
  (globalThis as { window?: unknown }).window ??= globalThis;
});
afterEach(() => clearMocks());

describe("evidenceUrl", () => {
  it("loads previews through the evidence protocol, never the asset protocol", () => {
    mockConvertFileSrc("linux");
    expect(evidenceUrl("/home/lead/Evidence/RCA 1.pdf")).toBe(
      "evidence://localhost/%2Fhome%2Flead%2FEvidence%2FRCA%201.pdf",
    );
    mockConvertFileSrc("windows");
    expect(evidenceUrl("C:\\Evidence\\scan.png")).toBe(
      "http://evidence.localhost/C%3A%5CEvidence%5Cscan.png",
    );
  });
});

describe("refusalMessage", () => {
  it("says a refused file is not evidence, and names any other code", () => {
    expect(refusalMessage(403, "not_evidence")).toMatch(/not evidence of the open folder/);
    expect(refusalMessage(413, "too_large")).toMatch(/too large to show here/);
    expect(refusalMessage(404, "file_unreadable\n")).toBe(
      "Dossier could not read the file (file_unreadable).",
    );
    expect(refusalMessage(500, "")).toBe("Dossier could not read the file (HTTP 500).");
  });
});
