import type { IncomingHttpHeaders } from "node:http";

/** One whole HTTP answer: the body is read to its end before anyone sees it. */
export class HttpAnswer {
  constructor(
    readonly status: number,
    readonly headers: IncomingHttpHeaders,
    readonly text: string,
  ) {}

  /** A header's value (the first, if repeated), or null: the same as the Fetch API's Headers.get. */
  header(name: string): string | null {
    const value = this.headers[name.toLowerCase()];
    if (value === undefined) return null;
    return Array.isArray(value) ? (value[0] ?? null) : value;
  }
}
