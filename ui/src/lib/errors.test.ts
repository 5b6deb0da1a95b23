import { describe, expect, it } from "vitest";
import { isStoreError, toIpcError } from "./errors";

describe("toIpcError", () => {
  it("passes the Rust side's errors through, dropping extra fields", () => {
    const e = { code: "unknown_control", message: "unknown control PRJ-03", extra: 1 };
    expect(toIpcError(e)).toEqual({ code: "unknown_control", message: "unknown control PRJ-03" });
  });

  it("wraps Tauri's plain string rejections", () => {
    expect(toIpcError("command tag not found")).toEqual({
      code: "ipc",
      message: "command tag not found",
    });
  });

  it("wraps exceptions and anything else", () => {
    expect(toIpcError(new TypeError("x is undefined"))).toEqual({
      code: "internal",
      message: "x is undefined",
    });
    expect(toIpcError(undefined).code).toBe("internal");
    expect(toIpcError({ code: 7 }).code).toBe("internal");
  });
});

describe("isStoreError", () => {
  it("knows the errors of a store that cannot be opened", () => {
    for (const code of ["store_damaged", "store_too_new", "store"])
      expect(isStoreError({ code, message: "" })).toBe(true);
    expect(isStoreError({ code: "folder_not_found", message: "" })).toBe(false);
    expect(isStoreError(null)).toBe(false);
  });
});
