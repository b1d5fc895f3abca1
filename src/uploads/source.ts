// What upload_media uploads: the file's type (from its bytes), its exact size, a name, and a stream
// of its bytes opened once. A source is judged before anything is sent to the API.
import type { Violation } from "../preflight/violation.js";
import type { MediaType } from "./media-type.js";
import type { UploadBody } from "./put-file.js";

export interface UploadSource {
  type: MediaType;
  size: number;
  filename: string;
  /** A video's length, when its bytes say (local files; POST /files stores it with the file). */
  durationSec?: number;
  /** The bytes, from the first; call once. */
  open(): UploadBody;
  /** Releases what the source holds (an open response, a spooled temp file). */
  release(): Promise<void>;
}

export type Opened = { ok: true; source: UploadSource } | { ok: false; violations: Violation[] };

export const refused = (violation: Violation): Opened => ({ ok: false, violations: [violation] });

/** A file name for POST /files: the last path segment, trimmed to what the API takes. */
export function cleanFilename(name: string | undefined, fallback: string): string {
  // Control characters are never part of a useful display name.
  const cleaned = [...(name ?? "")]
    .filter((c) => c.charCodeAt(0) >= 0x20 && c.charCodeAt(0) !== 0x7f)
    .join("")
    .trim();
  return (cleaned || fallback).slice(-255);
}
