// Opt-in media inspection (validate_post check_media, or --check-media for every call): the URLs a
// post would publish, looked at over HTTP without downloading them.
import type { CandidateMedia, PreflightResult } from "./candidate.js";
import { inspectMedia, mediaFactsViolations } from "./media/index.js";

export async function inspectCandidateMedia(
  media: CandidateMedia | null | undefined,
  signal: AbortSignal,
): Promise<PreflightResult> {
  if (!media) return { violations: [], warnings: [] };
  const video = media.type === "video";
  const urls = video ? [media.url] : media.urls;
  const kind = video ? "video" : "image";
  const facts = await inspectMedia(urls, kind, { signal });
  return mediaFactsViolations(facts, kind, (i) => (video ? "media.url" : `media.urls[${i}]`));
}

export function mergeResults(a: PreflightResult, b: PreflightResult): PreflightResult {
  return { violations: [...a.violations, ...b.violations], warnings: [...a.warnings, ...b.warnings] };
}
