// ISO base media file format (MP4/MOV/M4V): just enough to read a movie's duration (`mvhd`) and
// its video track's display size (`tkhd`), from bytes that may be cut short.

export interface BoxHeader {
  type: string;
  /** Offset of the box, relative to the buffer it was read from (plus `base`). */
  start: number;
  headerSize: number;
  /** Whole box size in bytes; undefined when the box runs to the end of the file (size 0). */
  size: number | undefined;
}

const typeAt = (bytes: Uint8Array, at: number): string => String.fromCharCode(...bytes.subarray(at, at + 4));

/** Reads a box header at `at`, or undefined if the buffer ends before the header does. */
export function readBoxHeader(bytes: Uint8Array, at: number, base = 0): BoxHeader | undefined {
  if (at + 8 > bytes.length) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const size32 = view.getUint32(at);
  const type = typeAt(bytes, at + 4);
  if (size32 === 1) {
    if (at + 16 > bytes.length) return undefined;
    const size = Number(view.getBigUint64(at + 8));
    return { type, start: base + at, headerSize: 16, size };
  }
  if (size32 === 0) return { type, start: base + at, headerSize: 8, size: undefined };
  return { type, start: base + at, headerSize: 8, size: size32 };
}

export interface TopLevelWalk {
  boxes: BoxHeader[];
  /** File offset of the first box whose header lies past the buffer; undefined when the walk ended. */
  next: number | undefined;
  /** A header was malformed (size smaller than its own header). */
  malformed: boolean;
}

/**
 * Walks the top-level boxes whose headers lie within `bytes`, which hold the file from offset `base`.
 * Box sizes let it skip over a large `mdat` without reading it, so it tells where the next box starts.
 */
export function walkTopLevel(bytes: Uint8Array, base = 0, maxBoxes = 64): TopLevelWalk {
  const boxes: BoxHeader[] = [];
  let at = 0;
  while (boxes.length < maxBoxes) {
    const header = readBoxHeader(bytes, at, base);
    if (!header) return { boxes, next: base + at, malformed: false };
    if (header.size !== undefined && header.size < header.headerSize)
      return { boxes, next: undefined, malformed: true };
    boxes.push(header);
    if (header.size === undefined) return { boxes, next: undefined, malformed: false };
    at += header.size;
  }
  return { boxes, next: undefined, malformed: false };
}

/** Reads `length` bytes at file offset `offset` (fewer at the end of the file, or when refused). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

export interface MoovSearch {
  /** The `moov` box's header, when found. */
  moov?: BoxHeader;
  /** The bytes read last, from file offset `base`: they hold moov's header when it was found. */
  bytes: Uint8Array;
  base: number;
  /** The boxes ran out (end of file, or a malformed box) without a moov. */
  ended: boolean;
  /** A read past the first came back shorter than a box header. */
  shortRead: boolean;
}

/**
 * Finds `moov` from the top-level box sizes: in `first` (the file's first bytes) when the file is
 * "faststart", else by hopping over `mdat` and the rest, one `chunkBytes` read per box.
 */
export async function findMoov(
  first: Uint8Array,
  readAt: ReadAt,
  limits: { chunkBytes: number; maxProbes: number; sizeBytes?: number },
): Promise<MoovSearch> {
  let bytes = first;
  let base = 0;
  let walk = walkTopLevel(bytes, base);
  let moov = walk.boxes.find((box) => box.type === "moov");
  for (let probe = 0; !moov && probe < limits.maxProbes; probe++) {
    const at = walk.next;
    if (at === undefined || (limits.sizeBytes !== undefined && at >= limits.sizeBytes)) {
      return { bytes, base, ended: true, shortRead: false };
    }
    const next = await readAt(at, limits.chunkBytes);
    if (next.length < 8) return { bytes, base, ended: false, shortRead: true };
    bytes = next;
    base = at;
    walk = walkTopLevel(bytes, base);
    moov = walk.boxes.find((box) => box.type === "moov");
  }
  return { ...(moov ? { moov } : {}), bytes, base, ended: false, shortRead: false };
}

/**
 * The found moov's bytes: from the search's last read when they lie within it, else read, at most
 * `maxBytes` (mvhd comes first, so a cut-short moov still gives the duration). `declaredSize` is the
 * moov's whole size when known.
 */
export async function readMoov(
  search: MoovSearch & { moov: BoxHeader },
  readAt: ReadAt,
  maxBytes: number,
  sizeBytes?: number,
): Promise<{ bytes: Uint8Array; declaredSize: number | undefined }> {
  const { moov, bytes, base } = search;
  const declaredSize = moov.size ?? (sizeBytes !== undefined ? sizeBytes - moov.start : undefined);
  const local = moov.start - base;
  if (declaredSize !== undefined && local + declaredSize <= bytes.length) {
    return { bytes: bytes.subarray(local, local + declaredSize), declaredSize };
  }
  const want = Math.min(declaredSize ?? maxBytes, maxBytes);
  return { bytes: want > 0 ? await readAt(moov.start, want) : new Uint8Array(0), declaredSize };
}

export interface MovieFacts {
  durationSec?: number;
  /** Display size of the video track, after its rotation matrix. */
  width?: number;
  height?: number;
}

interface Child {
  type: string;
  contentStart: number;
  /** End of the box, clipped to the bytes we have. */
  end: number;
}

/** The child boxes of a container spanning [start, end) of `bytes`; stops at the first box cut short. */
function* children(bytes: Uint8Array, start: number, end: number): Generator<Child> {
  let at = start;
  while (at + 8 <= end) {
    const header = readBoxHeader(bytes, at);
    if (!header) return;
    const boxEnd = header.size === undefined ? end : at + header.size;
    if (header.size !== undefined && header.size < header.headerSize) return;
    yield { type: header.type, contentStart: at + header.headerSize, end: Math.min(boxEnd, end) };
    at = boxEnd;
  }
}

const fixed16 = (view: DataView, at: number): number => view.getUint32(at) / 65536;
const signedFixed16 = (view: DataView, at: number): number => view.getInt32(at) / 65536;

interface Track {
  handler?: string;
  width: number;
  height: number;
}

/**
 * Parses a `moov` box held in `bytes` from its header at offset 0. `bytes` may stop before the box
 * ends; whatever lies in the part we have is used (mvhd usually comes first).
 */
export function parseMoov(bytes: Uint8Array): MovieFacts {
  const header = readBoxHeader(bytes, 0);
  if (header?.type !== "moov") return {};
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = Math.min(header.size ?? bytes.length, bytes.length);
  let timescale: number | undefined;
  let duration: number | undefined;
  let fragmentDuration: number | undefined;
  const tracks: Track[] = [];
  for (const box of children(bytes, header.headerSize, end)) {
    if (box.type === "mvhd") {
      const parsed = parseMvhd(view, box);
      if (parsed) ({ timescale, duration } = parsed);
    } else if (box.type === "trak") {
      const track = parseTrak(bytes, view, box);
      if (track) tracks.push(track);
    } else if (box.type === "mvex") {
      for (const inner of children(bytes, box.contentStart, box.end)) {
        if (inner.type === "mehd") fragmentDuration = parseMehd(view, inner);
      }
    }
  }
  const facts: MovieFacts = {};
  // Fragmented MP4 leaves mvhd's duration at 0 and states the whole length in mvex/mehd.
  const units = duration && duration > 0 ? duration : fragmentDuration;
  if (timescale && units && units > 0) facts.durationSec = units / timescale;
  const visual = tracks.filter((t) => t.width > 0 && t.height > 0);
  const video = visual.find((t) => t.handler === "vide") ?? visual[0];
  if (video) {
    facts.width = Math.round(video.width);
    facts.height = Math.round(video.height);
  }
  return facts;
}

// A duration of all ones means "unknown" in both versions.
const UNKNOWN32 = 0xffffffff;
const UNKNOWN64 = 0xffffffffffffffffn;

function parseMvhd(
  view: DataView,
  box: Child,
): { timescale: number; duration: number | undefined } | undefined {
  const at = box.contentStart;
  const version = view.getUint8(at);
  if (version === 1) {
    if (at + 32 > box.end) return undefined;
    const raw = view.getBigUint64(at + 24);
    return { timescale: view.getUint32(at + 20), duration: raw === UNKNOWN64 ? undefined : Number(raw) };
  }
  if (at + 20 > box.end) return undefined;
  const raw = view.getUint32(at + 16);
  return { timescale: view.getUint32(at + 12), duration: raw === UNKNOWN32 ? undefined : raw };
}

function parseMehd(view: DataView, box: Child): number | undefined {
  const at = box.contentStart;
  const version = view.getUint8(at);
  if (version === 1) return at + 12 <= box.end ? Number(view.getBigUint64(at + 4)) : undefined;
  return at + 8 <= box.end ? view.getUint32(at + 4) : undefined;
}

function parseTrak(bytes: Uint8Array, view: DataView, trak: Child): Track | undefined {
  let dims: { width: number; height: number } | undefined;
  let handler: string | undefined;
  for (const box of children(bytes, trak.contentStart, trak.end)) {
    if (box.type === "tkhd") dims = parseTkhd(view, box);
    else if (box.type === "mdia") {
      for (const inner of children(bytes, box.contentStart, box.end)) {
        // hdlr: version/flags (4), pre_defined (4), handler_type (4).
        if (inner.type === "hdlr" && inner.contentStart + 12 <= inner.end) {
          handler = typeAt(bytes, inner.contentStart + 8);
        }
      }
    }
  }
  if (!dims) return undefined;
  return handler === undefined ? dims : { ...dims, handler };
}

/**
 * tkhd width/height are the size before the track matrix is applied; phones record portrait video
 * as landscape frames with a 90° matrix, so a quarter turn swaps them.
 */
function parseTkhd(view: DataView, box: Child): { width: number; height: number } | undefined {
  const at = box.contentStart;
  const version = view.getUint8(at);
  // version/flags, times and ids (20 or 32 bytes), reserved (8), layer..reserved (8), matrix (36).
  const matrixAt = at + 4 + (version === 1 ? 32 : 20) + 16;
  const widthAt = matrixAt + 36;
  if (widthAt + 8 > box.end) return undefined;
  const width = fixed16(view, widthAt);
  const height = fixed16(view, widthAt + 4);
  const a = signedFixed16(view, matrixAt);
  const d = signedFixed16(view, matrixAt + 16);
  const quarterTurn = a === 0 && d === 0;
  return quarterTurn ? { width: height, height: width } : { width, height };
}
