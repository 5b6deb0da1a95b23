import { describe, expect, it } from "vitest";
import { lastComponent, parentOf } from "./paths";

describe("absolute paths", () => {
  it("splits an export's path into its folder and its name, on either platform", () => {
    const path = "/home/lead/Documents/AWS Data and Analytics Competency – evidence pack.zip";
    expect(parentOf(path)).toBe("/home/lead/Documents");
    expect(lastComponent(path)).toBe("AWS Data and Analytics Competency – evidence pack.zip");
    expect(parentOf("C:\\Users\\lead\\report.html")).toBe("C:\\Users\\lead");
    expect(parentOf("/report.html")).toBe("/");
    expect(parentOf("report.html")).toBe("");
  });
});
