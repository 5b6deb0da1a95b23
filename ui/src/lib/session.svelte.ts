// The validation session of the dashboard's checklist: started, resumed, walked, recorded.
// Each change is one IPC call that the Rust side writes at once. The calls go out one at a
// time, in order, so a slow answer never overwrites a newer one.
import * as api from "./api";
import type { IpcError, Outcome, Session } from "./api";
import { app } from "./app.svelte";
import { outcomeCounts } from "./walk";

class SessionState {
  /** The running session of the checklist last loaded; null when none runs. */
  current = $state.raw<Session | null>(null);
  /** The full-window session view is up. */
  shown = $state(false);
  /** The control on screen; moves show at once, the store follows in order. */
  control = $state<string | null>(null);
  /** Private notes and folder paths are hidden. */
  presenting = $state(true);

  #queue: Promise<unknown> = Promise.resolve();
  #loadSeq = 0;

  /** Looks up the running session of a checklist (when the folder or checklist changes). */
  async load(checklist: string): Promise<void> {
    const seq = ++this.#loadSeq;
    const found = await this.#inOrder(() => api.openSession(checklist));
    if (seq !== this.#loadSeq || found === undefined) return;
    this.#take(found);
    if (!found) this.shown = false;
  }

  /** Starts a session and shows it; rejects with the IpcError for the form to show. */
  async start(checklist: string, plannedMinutes: number): Promise<void> {
    this.#loadSeq++;
    this.#take(await api.startSession(checklist, plannedMinutes));
    this.shown = true;
  }

  /** Shows the running session again, as the store has it. */
  async resume(): Promise<void> {
    const id = this.current?.id;
    if (id === undefined) return;
    const fresh = await this.#inOrder(() => api.session(id));
    if (fresh) this.#take(fresh);
    this.shown = true;
  }

  /** Leaves the session view; the session keeps running. */
  leave(): void {
    this.shown = false;
  }

  /** Re-reads the session for a fresh pace. */
  async refresh(): Promise<void> {
    const id = this.current?.id;
    if (id === undefined) return;
    const fresh = await this.#inOrder(() => api.session(id));
    if (fresh && fresh.id === this.current?.id) this.current = fresh;
  }

  /** Records (or, with `outcome` null, clears) the reviewer's outcome for a control. */
  async record(control: string, outcome: Outcome | null, note: string | null): Promise<boolean> {
    const id = this.current?.id;
    if (id === undefined) return false;
    const fresh = await this.#inOrder(() => api.recordOutcome(id, control, outcome, note));
    if (fresh && fresh.id === this.current?.id) this.current = fresh;
    return fresh !== undefined;
  }

  /** Shows another control and remembers it, so the session reopens there. */
  move(control: string): void {
    const id = this.current?.id;
    if (id === undefined || control === this.control) return;
    this.control = control;
    void this.#inOrder(() => api.moveSession(id, control));
  }

  setPresenting(presenting: boolean): void {
    const id = this.current?.id;
    if (id === undefined) return;
    this.presenting = presenting;
    void this.#inOrder(() => api.setPresenting(id, presenting));
  }

  /** Ends the session; its outcomes stay for the reports. */
  async end(): Promise<void> {
    const id = this.current?.id;
    if (id === undefined) return;
    const ended = await this.#inOrder(() => api.endSession(id));
    if (!ended) return;
    this.current = null;
    this.shown = false;
    const counts = outcomeCounts(ended.outcomes);
    app.notify("success", `Session ended${counts ? `: ${counts}` : ""}.`);
  }

  #take(session: Session | null): void {
    this.current = session;
    this.control = session?.current_control ?? null;
    this.presenting = session?.presenting ?? true;
  }

  /** Runs session calls one after another; errors become toasts and `undefined`. */
  #inOrder<T>(call: () => Promise<T>): Promise<T | undefined> {
    const next = this.#queue.then(async () => {
      try {
        return await call();
      } catch (e) {
        app.notifyError(e as IpcError);
        return undefined;
      }
    });
    this.#queue = next;
    return next;
  }
}

export const session = new SessionState();
