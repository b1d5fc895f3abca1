// Which files upload_media takes: what a post can use (seed-create-post.txt "Limits": video
// MP4/MOV/M4V/AVI under 100 MB, slideshow images JPG/PNG under 5 MB), judged from the file's bytes.
// POST /files also takes GIF, WEBP, HEIC and WEBM, but no post could use them, so they are refused here.
import { formatMb, MAX_IMAGE_BYTES, MAX_VIDEO_BYTES } from "../preflight/media/media-rules.js";
import { type SniffedType, sniffType, typeLabel } from "../preflight/media/sniff.js";
import type { Violation } from "../preflight/violation.js";

/** Bytes sniffType may look at (HTML detection reads up to 512). */
export const SNIFF_BYTES = 512;

export type UploadKind = "video" | "image";

const POSTABLE: Partial<Record<SniffedType, UploadKind>> = {
  "video/mp4": "video",
  "video/quicktime": "video",
  "video/x-m4v": "video",
  "video/x-msvideo": "video",
  "image/jpeg": "image",
  "image/png": "image",
};

const ALLOWED_LABEL = "JPEG/PNG images, MP4/MOV/M4V/AVI videos";

export interface MediaType {
  contentType: SniffedType;
  kind: UploadKind;
  /** Exclusive: a file must be smaller. */
  maxBytes: number;
}

const emptyFile = (field: string, name: string): Violation => ({
  code: "media_empty",
  field,
  message: `${name} is empty (0 bytes)`,
  actual: 0,
  hint: "Pick the file itself, not an empty placeholder.",
});

/** The type of a file from its first bytes, or the violation that refuses it. */
export function judgeType(head: Uint8Array, field: string, name: string): MediaType | Violation {
  const sniffed = sniffType(head);
  const kind = sniffed === undefined ? undefined : POSTABLE[sniffed];
  if (sniffed !== undefined && kind !== undefined) {
    return { contentType: sniffed, kind, maxBytes: kind === "video" ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES };
  }
  if (head.length === 0) {
    return emptyFile(field, name);
  }
  return {
    code: "media_type",
    field,
    message: `${name} is ${sniffed === undefined ? "no known image or video format (judged by its bytes, not its name)" : typeLabel(sniffed)}; posts take ${ALLOWED_LABEL}`,
    limit: ALLOWED_LABEL,
    actual: sniffed ?? "unknown",
    hint: typeHint(sniffed),
  };
}

function typeHint(sniffed: SniffedType | undefined): string {
  if (sniffed === "text/html")
    return "That is a web page, not the file: use the direct download link of the file.";
  if (sniffed?.startsWith("image/"))
    return "Convert it to JPG or PNG (e.g. export or screenshot it) and upload that.";
  if (sniffed?.startsWith("video/")) return "Convert it to MP4 (H.264 video, AAC audio) and upload that.";
  return "Upload a JPG or PNG image, or an MP4/MOV/M4V/AVI video.";
}

/** The size violation, or undefined when the file fits. */
export function judgeSize(size: number, type: MediaType, field: string, name: string): Violation | undefined {
  if (size === 0) {
    return emptyFile(field, name);
  }
  if (size < type.maxBytes) return undefined;
  const video = type.kind === "video";
  return {
    code: "media_too_large",
    field,
    message: `${name} is ${formatMb(size)} (${typeLabel(type.contentType)}); ${video ? "videos" : "images"} must be under ${formatMb(type.maxBytes)} (${type.maxBytes} bytes)`,
    limit: type.maxBytes,
    actual: size,
    hint: video
      ? "Re-encode at a lower bitrate or resolution (e.g. 1080×1920 H.264 at 8 Mbit/s), or trim it."
      : "Export it smaller: JPEG at quality ~85, or 1080×1920 pixels at most.",
  };
}

/** "a.png" → "a.png"; the extension a file of this type is stored with, for names that lack one. */
export function extensionFor(type: SniffedType): string {
  const extensions: Partial<Record<SniffedType, string>> = {
    "video/mp4": "mp4",
    "video/quicktime": "mov",
    "video/x-m4v": "m4v",
    "video/x-msvideo": "avi",
    "image/jpeg": "jpg",
    "image/png": "png",
  };
  return extensions[type] ?? "bin";
}
