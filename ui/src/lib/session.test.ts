import { mockIPC } from "@tauri-apps/api/mocks";
import { beforeAll, describe, expect, it } from "vitest";
import type { Outcome } from "./generated/Outcome";
import type { Session } from "./generated/Session";

// The session store against a scripted backend: what it sends, in which order, and what it
// keeps when answers arrive late.
const calls: [string, unknown][] = [];
let running: Session | null = null;
let slowRecord: ((s: Session) => void) | null = null;

const pace = {
  controls: 49,
  recorded: 0,
  remaining: 49,
  elapsed_secs: 0,
  left_secs: 3600,
  secs_per_control: 73,
  expected: 0,
  status: "on_track",
} as const;

function sessionOf(over: Partial<Session> = {}): Session {
  return {
    id: 7,
    checklist: "data-analytics-7.1",
    started_at: 1_700_000_000,
    ended_at: null,
    planned_minutes: 60,
    current_control: null,
    presenting: true,
    outcomes: [],
    follow_ups: [],
    pace,
    ...over,
  };
}

function recorded(control: string, outcome: Outcome, note: string | null): Session {
  const record = { control, outcome, note, recorded_at: 1_700_000_100 };
  return sessionOf({
    ...running,
    outcomes: [record],
    follow_ups: outcome === "follow_up" ? [record] : [],
  });
}

function backend(cmd: string, args?: unknown): unknown {
  calls.push([cmd, args]);
  const a = args as { outcome: Outcome; control: string; note: string | null };
  switch (cmd) {
    case "open_session":
      return running;
    case "start_session":
      running = sessionOf();
      return running;
    case "session":
      return running;
    case "record_outcome":
      if (a.note === "slow") return new Promise((resolve) => (slowRecord = resolve));
      running = recorded(a.control, a.outcome, a.note);
      return running;
    case "end_session":
      return { ...running, ended_at: 1_700_003_600 };
  }
  return null;
}

beforeAll(() => {
  (globalThis as { window?: unknown }).window ??= globalThis;
  mockIPC(backend);
});

describe("session store", async () => {
  const { session } = await import("./session.svelte");
  const { app } = await import("./app.svelte");

  it("finds no running session, then starts one and shows it", async () => {
    await session.load("data-analytics-7.1");
    expect(session.current).toBeNull();
    await session.start("data-analytics-7.1", 60);
    expect(session.shown).toBe(true);
    expect(session.current?.id).toBe(7);
    expect(session.presenting).toBe(true);
    expect(calls.map(([c]) => c)).toEqual(["open_session", "start_session"]);
  });

  it("records an outcome and keeps the core's answer with its action list", async () => {
    await expect(session.record("POV-003", "follow_up", "customer reference")).resolves.toBe(true);
    expect(session.current?.follow_ups).toEqual([
      {
        control: "POV-003",
        outcome: "follow_up",
        note: "customer reference",
        recorded_at: 1_700_000_100,
      },
    ]);
  });

  it("sends calls in order, so a slow answer is not overwritten by an older one", async () => {
    calls.length = 0;
    session.move("POV-002");
    const slow = session.record("POV-002", "met", "slow");
    const refresh = session.refresh();
    session.setPresenting(false);
    await Promise.resolve();
    expect(session.control).toBe("POV-002");
    expect(session.presenting).toBe(false);
    await new Promise((r) => setTimeout(r, 0));
    slowRecord!(recorded("POV-002", "met", "slow"));
    await Promise.all([slow, refresh]);
    expect(calls.map(([c]) => c)).toEqual([
      "move_session",
      "record_outcome",
      "session",
      "set_presenting",
    ]);
    expect(calls[3][1]).toEqual({ id: 7, presenting: false });
  });

  it("does not send a move to the control already shown", async () => {
    calls.length = 0;
    session.move("POV-002");
    await session.refresh();
    expect(calls.map(([c]) => c)).toEqual(["session"]);
  });

  it("resumes at the remembered control as the store has it", async () => {
    running = sessionOf({ current_control: "PRJ-003", presenting: false });
    session.leave();
    expect(session.shown).toBe(false);
    await session.resume();
    expect(session.shown).toBe(true);
    expect(session.control).toBe("PRJ-003");
    expect(session.presenting).toBe(false);
  });

  it("ends the session, leaves the view and says what was recorded", async () => {
    running = recorded("POV-001", "met", null);
    await session.refresh();
    await session.end();
    expect(session.current).toBeNull();
    expect(session.shown).toBe(false);
    expect(app.toasts.at(-1)).toMatchObject({ kind: "success", message: "Session ended: 1 met." });
  });
});
