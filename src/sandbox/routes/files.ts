/** POST /files (upload-file.txt): a presigned upload URL and the CDN URL the file will have. */
import { invalidPayload } from "../envelope.js";
import { UPLOAD_CONTENT_TYPES } from "../uploads.js";
import type { RouteContext, RouteResult } from "./context.js";

// upload-file.txt: the size field "also accepts" aliases; the primary name is cut off in the docs.
const SIZE_FIELDS = ["size", "fileSize", "file_size", "size_bytes"];
// upload-file.txt: "Optional video duration in seconds. Also accepts duration_seconds, duration,
// durationSec, or video_duration_sec."
const DURATION_FIELDS = ["duration", "duration_seconds", "durationSec", "video_duration_sec"];

export function createFile({ body, uploads }: RouteContext): RouteResult {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw invalidPayload("body: must be a JSON object with contentType");
  }
  const fields = body as Record<string, unknown>;
  const { contentType, filename } = fields;
  if (typeof contentType !== "string" || contentType === "") throw invalidPayload("contentType: required");
  if (!(contentType in UPLOAD_CONTENT_TYPES)) {
    throw invalidPayload(
      `contentType: ${contentType.slice(0, 100)} is not supported; use one of ${Object.keys(UPLOAD_CONTENT_TYPES).join(", ")}`,
    );
  }
  if (filename !== undefined && (typeof filename !== "string" || filename.length > 255)) {
    throw invalidPayload("filename: must be a string of at most 255 characters");
  }
  let size: number | undefined;
  for (const name of SIZE_FIELDS) {
    const value = fields[name];
    if (value === undefined) continue;
    if (typeof value !== "number" || !Number.isInteger(value) || value < 0) {
      throw invalidPayload(`${name}: must be a non-negative integer (bytes)`);
    }
    size = value;
  }
  for (const name of DURATION_FIELDS) {
    const value = fields[name];
    if (value !== undefined && (typeof value !== "number" || !Number.isFinite(value) || value < 0)) {
      throw invalidPayload(`${name}: must be a non-negative number (seconds)`);
    }
  }
  return {
    status: 201,
    message: "Upload URL generated",
    data: uploads.presign(contentType, filename, size),
  };
}
