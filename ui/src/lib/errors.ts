import type { IpcError } from "./api";

/** Anything a rejected `invoke` (or our own code) throws, as an error the user can read. */
export function toIpcError(e: unknown): IpcError {
  if (isIpcError(e)) return { code: e.code, message: e.message };
  // Tauri itself rejects with plain strings, e.g. for a command or permission it does not know.
  if (typeof e === "string") return { code: "ipc", message: e };
  if (e instanceof Error) return { code: "internal", message: e.message };
  return { code: "internal", message: "Something went wrong." };
}

function isIpcError(e: unknown): e is IpcError {
  return (
    typeof e === "object" &&
    e !== null &&
    typeof (e as IpcError).code === "string" &&
    typeof (e as IpcError).message === "string"
  );
}

/** The codes of a store that cannot be opened: while one stands, nothing else works. */
const STORE_CODES = new Set(["store_damaged", "store_too_new", "store"]);

export const isStoreError = (e: IpcError | null | undefined): e is IpcError =>
  e != null && STORE_CODES.has(e.code);
