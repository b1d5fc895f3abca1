// Small HTTP reads of a media file: HEAD for its metadata and Range GETs for a few bytes. Never a
// whole download: every body is read only as far as needed (counted against a per-URL budget) and
// then cancelled, so a server that ignores Range costs us a few chunks, not the file.

/** Bytes a single URL may cost us in response bodies, all reads together. */
export class ByteBudget {
  remaining: number;
  constructor(bytes: number) {
    this.remaining = bytes;
  }
  take(n: number): void {
    this.remaining = Math.max(0, this.remaining - n);
  }
}

export interface HeadAnswer {
  status: number;
  contentType?: string;
  contentLength?: number;
}

export interface RangeAnswer {
  status: number;
  /** File bytes from the requested start (may be fewer than asked, or none). */
  bytes: Uint8Array;
  /** Whole-file size from Content-Range, or from Content-Length on a plain 200. */
  totalSize?: number;
  /** The server answered with the whole file (200) instead of the range (206). */
  rangeIgnored: boolean;
  contentType?: string;
}

export interface ReadContext {
  signal: AbortSignal;
  budget: ByteBudget;
  /** Learnt from an earlier answer: reads past the start then cost the bytes before them. */
  rangeIgnored?: boolean;
  /** Set once any response headers arrived, to tell silence from a stalled body. */
  answered?: boolean;
}

// Offsets must be those of the file itself, not of a compressed stream.
const IDENTITY = { "accept-encoding": "identity" } as const;

function lengthOf(headers: Headers): number | undefined {
  if (headers.get("content-encoding") && headers.get("content-encoding") !== "identity") return undefined;
  const raw = headers.get("content-length");
  if (raw === null || !/^\d+$/.test(raw.trim())) return undefined;
  return Number(raw);
}

const contentTypeOf = (headers: Headers): string | undefined => headers.get("content-type") ?? undefined;

export async function headRequest(url: string, context: ReadContext): Promise<HeadAnswer> {
  const response = await fetch(url, { method: "HEAD", headers: IDENTITY, signal: context.signal });
  context.answered = true;
  await response.body?.cancel().catch(() => {});
  const answer: HeadAnswer = { status: response.status };
  const contentType = contentTypeOf(response.headers);
  if (contentType !== undefined) answer.contentType = contentType;
  const length = lengthOf(response.headers);
  if (length !== undefined) answer.contentLength = length;
  return answer;
}

// "bytes 0-99/2000" gives first 0 and total 2000; "bytes */2000" (on a 416) gives total 2000.
export function parseContentRange(value: string | null): { first?: number; total?: number } {
  if (!value) return {};
  const match = /^\s*bytes\s+(?:(\d+)-\d+|\*)\/(\d+|\*)\s*$/i.exec(value);
  if (!match) return {};
  const out: { first?: number; total?: number } = {};
  if (match[1] !== undefined) out.first = Number(match[1]);
  if (match[2] !== undefined && match[2] !== "*") out.total = Number(match[2]);
  return out;
}

const EMPTY = new Uint8Array(0);

/** Reads file bytes [start, start + length) with a Range GET, within the budget. */
export async function readRange(
  url: string,
  start: number,
  length: number,
  context: ReadContext,
): Promise<RangeAnswer> {
  const { budget, signal } = context;
  // A server that ignores Range sends from byte 0: a read starting beyond the budget is hopeless.
  if (context.rangeIgnored && start >= budget.remaining) {
    return { status: 200, bytes: EMPTY, rangeIgnored: true };
  }
  const response = await fetch(url, {
    headers: { ...IDENTITY, range: `bytes=${start}-${start + length - 1}` },
    signal,
  });
  context.answered = true;
  const answer: RangeAnswer = {
    status: response.status,
    bytes: EMPTY,
    rangeIgnored: response.status === 200,
  };
  const contentType = contentTypeOf(response.headers);
  if (contentType !== undefined) answer.contentType = contentType;
  let skip = 0;
  if (response.status === 206 || response.status === 416) {
    const range = parseContentRange(response.headers.get("content-range"));
    if (range.total !== undefined) answer.totalSize = range.total;
    const first = range.first ?? start;
    if (response.status === 416 || first > start) {
      await response.body?.cancel().catch(() => {});
      return answer;
    }
    skip = start - first;
  } else if (response.status === 200) {
    const total = lengthOf(response.headers);
    if (total !== undefined) answer.totalSize = total;
    skip = start;
  } else {
    await response.body?.cancel().catch(() => {});
    return answer;
  }
  answer.bytes = await readSlice(response, skip, length, budget);
  return answer;
}

/** Consumes the body up to `skip + want` bytes (or the budget), keeps the last `want`, cancels the rest. */
async function readSlice(
  response: Response,
  skip: number,
  want: number,
  budget: ByteBudget,
): Promise<Uint8Array> {
  if (!response.body) return EMPTY;
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let seen = 0;
  let kept = 0;
  let finished = false;
  try {
    while (kept < want && budget.remaining > 0) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        break;
      }
      budget.take(value.byteLength);
      const from = Math.max(0, skip - seen);
      seen += value.byteLength;
      if (from >= value.byteLength) continue;
      const piece = value.subarray(from, Math.min(value.byteLength, from + (want - kept)));
      chunks.push(piece);
      kept += piece.byteLength;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => {});
  }
  return concat(chunks, kept);
}

export function concat(chunks: readonly Uint8Array[], total = chunks.reduce((n, c) => n + c.byteLength, 0)) {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
