// A video's length for POST /files, which stores it "with the CDN file record so /posts can hydrate
// validation metadata when you use the returned url" (upload-file.txt). Read as media inspection
// reads it: MP4/MOV/M4V from the `moov` box wherever the file keeps it (findMoov), AVI from `avih`.
import { parseAvi } from "../preflight/media/avi.js";
import { findMoov, parseMoov, type ReadAt, readMoov } from "../preflight/media/mp4.js";

const MP4_FAMILY = new Set(["video/mp4", "video/quicktime", "video/x-m4v"]);
/** At most this much of a `moov` is read (real ones are KBs to a few MBs; mvhd comes first). */
const MAX_MOOV_BYTES = 16 * 1024 * 1024;
/** Top-level boxes looked at past the first bytes (a file is ftyp, moov, mdat, a few free/uuid). */
const MAX_BOX_PROBES = 64;
/** A local file is read one box header at a time while looking for moov. */
const BOX_HEADER_BYTES = 16;

/** The length in seconds (millisecond precision), or undefined when the file does not say. */
export async function videoDurationSec(
  contentType: string,
  head: Uint8Array,
  size: number,
  readAt: ReadAt,
): Promise<number | undefined> {
  let seconds: number | undefined;
  if (contentType === "video/x-msvideo") seconds = parseAvi(head).durationSec;
  else if (MP4_FAMILY.has(contentType)) {
    const search = await findMoov(head, readAt, {
      chunkBytes: BOX_HEADER_BYTES,
      maxProbes: MAX_BOX_PROBES,
      sizeBytes: size,
    });
    if (search.moov) {
      const moov = await readMoov({ ...search, moov: search.moov }, readAt, MAX_MOOV_BYTES, size);
      seconds = parseMoov(moov.bytes).durationSec;
    }
  }
  if (seconds === undefined || !Number.isFinite(seconds) || seconds <= 0) return undefined;
  return Math.round(seconds * 1000) / 1000;
}
