// One tool call may make several requests (an upload, then a create); its time budget covers them all.
// A call is known by its abort signal: the first request it makes starts its clock.
export class CallBudget {
  readonly #totalMs: number;
  readonly #starts = new WeakMap<AbortSignal, number>();

  constructor(totalMs: number) {
    this.#totalMs = totalMs;
  }

  /** What is left of the call's budget; a request without a signal gets a whole budget. */
  leftMs(signal: AbortSignal | undefined): number {
    if (!signal) return this.#totalMs;
    const now = performance.now();
    let start = this.#starts.get(signal);
    if (start === undefined) {
      start = now;
      this.#starts.set(signal, start);
    }
    return this.#totalMs - (now - start);
  }
}
