/**
 * Runs an async task on request, but never two at once and never more often than every
 * `minInterval` ms. Requests arriving meanwhile collapse into one follow-up run, so a burst
 * of index events costs at most a few refetches per second.
 */
export class Coalescer {
  #running = false;
  #pending = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  #lastStart = -Infinity;

  constructor(
    private readonly task: () => Promise<void>,
    private readonly minInterval: number,
    private readonly now: () => number = () => Date.now(),
  ) {}

  request(): void {
    this.#pending = true;
    this.#schedule();
  }

  /** Drops a waiting run, e.g. when the folder it was for is closed. */
  cancel(): void {
    this.#pending = false;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  #schedule(): void {
    if (this.#running || this.#timer !== null || !this.#pending) return;
    const wait = this.#lastStart + this.minInterval - this.now();
    if (wait > 0) {
      this.#timer = setTimeout(() => {
        this.#timer = null;
        this.#schedule();
      }, wait);
      return;
    }
    this.#pending = false;
    this.#running = true;
    this.#lastStart = this.now();
    // The task reports its own errors; this only keeps the loop alive.
    this.task()
      .catch(() => {})
      .finally(() => {
        this.#running = false;
        this.#schedule();
      });
  }
}
