/**
 * Runs the latest scheduled task once no new one arrived for `delay` ms. `flush` runs a
 * waiting task now (e.g. on blur or when the form goes away); `cancel` drops it.
 */
export class Debouncer {
  #timer: ReturnType<typeof setTimeout> | null = null;
  #task: (() => void) | null = null;

  constructor(private readonly delay: number) {}

  get pending(): boolean {
    return this.#task !== null;
  }

  schedule(task: () => void): void {
    this.#task = task;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.flush(), this.delay);
  }

  flush(): void {
    const task = this.#task;
    this.cancel();
    task?.();
  }

  cancel(): void {
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    this.#task = null;
  }
}
