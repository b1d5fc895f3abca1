// A video's length for POST /files, which stores it "with the CDN file record so /posts can hydrate
// validation metadata when you use the returned url" (upload-file.txt). Read with the parsers media
// inspection uses: MP4/MOV/M4V from the `moov` box wherever the file keeps it, AVI from `avih`.
import { parseAvi } from "../preflight/media/avi.js";
import { parseMoov, readBoxHeader, walkTopLevel } from "../preflight/media/mp4.js";

/** Reads `length` bytes at `offset` (fewer at the end of the file). */
export type ReadAt = (offset: number, length: number) => Promise<Uint8Array>;

const MP4_FAMILY = new Set(["video/mp4", "video/quicktime", "video/x-m4v"]);
/** A `moov` larger than this is not read (real ones are KBs to a few MBs): the length is left out. */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;
/** Top-level boxes looked at before giving up (a file is ftyp, moov, mdat, a few free/uuid boxes). */
const MAX_BOXES = 64;

/** The length in seconds (millisecond precision), or undefined when the file does not say. */
export async function videoDurationSec(
  contentType: string,
  head: Uint8Array,
  size: number,
  readAt: ReadAt,
): Promise<number | undefined> {
  let seconds: number | undefined;
  if (contentType === "video/x-msvideo") seconds = parseAvi(head).durationSec;
  else if (MP4_FAMILY.has(contentType)) seconds = await mp4DurationSec(head, size, readAt);
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.round(seconds * 1000) / 1000;
}

async function mp4DurationSec(head: Uint8Array, size: number, readAt: ReadAt): Promise<number | undefined> {
  // The boxes whose headers the first bytes hold, then one header read per box past them.
  const walk = walkTopLevel(head, 0, MAX_BOXES);
  if (walk.malformed) return undefined;
  let moov = walk.boxes.find((b) => b.type === "moov");
  let next = moov ? undefined : walk.next;
  for (
    let seen = walk.boxes.length;
    !moov && next !== undefined && next + 8 <= size && seen < MAX_BOXES;
    seen++
  ) {
    const header = readBoxHeader(await readAt(next, 16), 0, next);
    if (!header || (header.size !== undefined && header.size < header.headerSize)) return undefined;
    if (header.type === "moov") moov = header;
    else next = header.size === undefined ? undefined : next + header.size;
  }
  if (!moov) return undefined;
  const length = Math.min(moov.size ?? size - moov.start, size - moov.start);
  if (length > MAX_MOOV_BYTES) return undefined;
  const bytes =
    moov.start + length <= head.length
      ? head.subarray(moov.start, moov.start + length)
      : await readAt(moov.start, length);
  return parseMoov(bytes).durationSec;
}
