// Judges inspected media against Genviral's limits. Pure: facts in, violations and warnings out.
import type { Violation } from "../violation.js";
import type { MediaFacts, MediaKind } from "./facts.js";
import { typeLabel } from "./sniff.js";

// seed-create-post.txt "Limits": "Video: MP4/MOV/M4V/AVI, under 100MB."
// The docs do not say whether MB is 10^6 or 2^20 bytes; a pre-flight check must not refuse what the
// API accepts, so it takes the larger reading.
export const MAX_VIDEO_BYTES = 100 * 1024 * 1024;
// seed-create-post.txt "Limits": "Slideshow: 1–35 images, JPG/JPEG/PNG, each under 5MB."
export const MAX_IMAGE_BYTES = 5 * 1024 * 1024;
// seed-create-post.txt "Limits": "If duration metadata is present, we enforce 15–60 seconds."
export const MIN_VIDEO_SECONDS = 15;
export const MAX_VIDEO_SECONDS = 60;
// seed-create-post.txt "Limits": "~9:16 aspect recommended" (video and slideshow).
export const TARGET_ASPECT = 9 / 16;
/** How far width/height may stray from 9:16, relatively, before we warn: 1080×1920 ± 15%. */
export const ASPECT_TOLERANCE = 0.15;

const ALLOWED: Record<MediaKind, { types: ReadonlySet<string>; label: string }> = {
  // seed-create-post.txt "Limits": MP4/MOV/M4V/AVI.
  video: {
    types: new Set(["video/mp4", "video/quicktime", "video/x-m4v", "video/x-msvideo"]),
    label: "MP4/MOV/M4V/AVI",
  },
  // seed-create-post.txt "Limits": JPG/JPEG/PNG.
  image: { types: new Set(["image/jpeg", "image/png"]), label: "JPG/JPEG/PNG" },
};

export interface MediaJudgement {
  violations: Violation[];
  warnings: Violation[];
}

export function mediaFactsViolations(
  facts: readonly MediaFacts[],
  kind: MediaKind,
  fieldFor: (index: number) => string,
): MediaJudgement {
  const judgement: MediaJudgement = { violations: [], warnings: [] };
  facts.forEach((fact, index) => {
    judgeOne(fact, kind, fieldFor(index), judgement);
  });
  return judgement;
}

function judgeOne(fact: MediaFacts, kind: MediaKind, field: string, out: MediaJudgement) {
  const name = shortUrl(fact.url);
  const noun = kind === "video" ? "video" : "image";
  if (!fact.reachable) {
    out.violations.push({
      code: "media_unreachable",
      field,
      message: `${name} ${fact.error ?? "could not be fetched"}`,
      ...(fact.status !== undefined ? { actual: fact.status } : {}),
      hint: "Use a public, direct link to the file itself (no login, no expiring signature, no web page in between); Genviral's servers download it from there.",
    });
    return;
  }

  if (fact.sizeBytes === 0) {
    out.violations.push({
      code: "media_empty",
      field,
      message: `${name} is an empty file (0 bytes)`,
      actual: 0,
      hint: `Upload the ${noun} again and use the new link.`,
    });
    return;
  }

  const allowed = ALLOWED[kind];
  if (fact.sniffedType === undefined) {
    out.warnings.push({
      code: "media_type_unknown",
      field,
      message: `${name}: its first bytes match no known ${noun} format${fact.headerContentType ? ` (the server calls it ${fact.headerContentType})` : ""}, so the ${allowed.label} rule could not be checked`,
      limit: allowed.label,
      hint: `Make sure the link serves the ${noun} file itself, in ${allowed.label} format.`,
    });
  } else if (!allowed.types.has(fact.sniffedType)) {
    out.violations.push({
      code: "media_type",
      field,
      message: `${name} is ${typeLabel(fact.sniffedType)}; ${kind === "video" ? "videos" : "slideshow images"} must be ${allowed.label}`,
      limit: allowed.label,
      actual: fact.sniffedType,
      hint: typeHint(fact.sniffedType, kind),
    });
    // Further checks would judge the wrong kind of file.
    return;
  }

  const maxBytes = kind === "video" ? MAX_VIDEO_BYTES : MAX_IMAGE_BYTES;
  if (fact.sizeBytes === undefined) {
    out.warnings.push({
      code: "media_size_unknown",
      field,
      message: `${name}: the server states no size, so the under-${formatMb(maxBytes)} rule could not be checked`,
      limit: maxBytes,
      hint: `Check the file is under ${formatMb(maxBytes)}; hosts that send Content-Length let this be checked.`,
    });
  } else if (fact.sizeBytes >= maxBytes) {
    out.violations.push({
      code: "media_too_large",
      field,
      message: `${name} is ${formatMb(fact.sizeBytes)}; ${kind === "video" ? "videos" : "each slideshow image"} must be under ${formatMb(maxBytes)} (${maxBytes} bytes)`,
      limit: maxBytes,
      actual: fact.sizeBytes,
      hint:
        kind === "video"
          ? "Re-encode at a lower bitrate or resolution (e.g. 1080×1920 H.264 at 8 Mbit/s), or trim it."
          : "Export it smaller: JPEG at quality ~85, or 1080×1920 pixels at most.",
    });
  }

  if (kind === "video") {
    if (fact.durationSec === undefined) {
      out.warnings.push({
        code: "video_duration_unknown",
        field,
        message: `${name}: duration not found${fact.error ? ` (${fact.error})` : ""}; Genviral will accept it with a warning, but the 15–60 s rule was not checked`,
        limit: `${MIN_VIDEO_SECONDS}–${MAX_VIDEO_SECONDS} s`,
        hint: 'Check the video is 15–60 s long; exporting it with the moov atom first ("faststart") lets this be checked.',
      });
    } else if (fact.durationSec < MIN_VIDEO_SECONDS || fact.durationSec > MAX_VIDEO_SECONDS) {
      const actual = Math.round(fact.durationSec * 100) / 100;
      out.violations.push({
        code: "video_duration",
        field,
        message: `${name} lasts ${actual} s; videos must last ${MIN_VIDEO_SECONDS}–${MAX_VIDEO_SECONDS} s`,
        limit: `${MIN_VIDEO_SECONDS}–${MAX_VIDEO_SECONDS} s`,
        actual,
        hint:
          fact.durationSec > MAX_VIDEO_SECONDS
            ? `Trim it to ${MAX_VIDEO_SECONDS} s or less.`
            : `Make it at least ${MIN_VIDEO_SECONDS} s long (add footage, or slow it down).`,
      });
    }
  }

  if (fact.width !== undefined && fact.height !== undefined && fact.width > 0 && fact.height > 0) {
    const ratio = fact.width / fact.height;
    if (Math.abs(ratio - TARGET_ASPECT) / TARGET_ASPECT > ASPECT_TOLERANCE) {
      out.warnings.push({
        code: "aspect_ratio",
        field,
        message: `${name} is ${fact.width}×${fact.height} (${aspectLabel(fact.width, fact.height)}); ~9:16 portrait is recommended and other shapes may be cropped or letterboxed`,
        limit: "9:16",
        actual: `${fact.width}×${fact.height} (${aspectLabel(fact.width, fact.height)})`,
        hint: `Crop or export it as portrait 9:16, e.g. 1080×1920.`,
      });
    }
  }
}

function typeHint(type: string, kind: MediaKind): string {
  if (type === "text/html") {
    return "The link opens a web page, not the file: use the direct download link (it usually ends in the file name).";
  }
  if (kind === "video") {
    return type.startsWith("image/")
      ? 'This is an image: post it as a slideshow (media.type "slideshow"), or link a video file.'
      : "Convert it to MP4 (H.264 video, AAC audio) and link that file.";
  }
  return type.startsWith("video/")
    ? 'This is a video: post it as media.type "video", or link a JPG/PNG image.'
    : "Convert it to JPG or PNG and link that file.";
}

/** "cdn.example.com/…/clip.mp4": enough to tell URLs apart without repeating query strings. */
export function shortUrl(url: string): string {
  try {
    const parsed = new URL(url);
    const segments = parsed.pathname.split("/").filter(Boolean);
    const last = segments.at(-1);
    const path = last === undefined ? "" : segments.length > 1 ? `/…/${last}` : `/${last}`;
    const text = `${parsed.host}${path}`;
    return text.length > 80 ? `${text.slice(0, 79)}…` : text;
  } catch {
    return url.length > 80 ? `${url.slice(0, 79)}…` : url;
  }
}

export function formatMb(bytes: number): string {
  const mb = bytes / (1024 * 1024);
  return `${Number.isInteger(mb) ? mb : mb.toFixed(1)} MB`;
}

const COMMON_RATIOS: ReadonlyArray<readonly [number, number]> = [
  [9, 16],
  [16, 9],
  [1, 1],
  [4, 5],
  [5, 4],
  [3, 4],
  [4, 3],
  [2, 3],
  [3, 2],
  [21, 9],
  [9, 21],
  [1, 2],
  [2, 1],
];

/** "16:9" for 1920×1080; the nearest common ratio within 1%, else "1.91:1". */
export function aspectLabel(width: number, height: number): string {
  const ratio = width / height;
  for (const [w, h] of COMMON_RATIOS) {
    if (Math.abs(ratio - w / h) / (w / h) < 0.01) return `${w}:${h}`;
  }
  return ratio >= 1 ? `${Number(ratio.toFixed(2))}:1` : `1:${Number((1 / ratio).toFixed(2))}`;
}
