// Caption length per target: the strictest targeted account wins (seed-create-post.txt "Limits");
// an account's capabilities.caption_limit overrides the table (get-accounts.txt "Behavior").
import type { Account } from "../schemas/api-data.js";
import { accountLabel, type Check } from "./candidate.js";
import { CAPTION_LIMITS } from "./rules.js";
import type { Violation } from "./violation.js";

export interface CaptionLimit {
  limit: number;
  unit: "characters" | "bytes";
}

/** The documented caption limit for one account and kind of post. */
export function captionLimitFor(account: Account, mediaType: string | undefined): CaptionLimit {
  const fromCapabilities = account.capabilities?.caption_limit;
  const bytes = account.type !== "hosted" && account.platform === "youtube";
  if (typeof fromCapabilities === "number" && fromCapabilities > 0) {
    return { limit: fromCapabilities, unit: bytes ? "bytes" : "characters" };
  }
  if (account.type === "hosted") return { limit: CAPTION_LIMITS.hosted, unit: "characters" };
  const byo = CAPTION_LIMITS.byo;
  switch (account.platform) {
    case "facebook":
      return { limit: byo.facebook, unit: "characters" };
    case "instagram":
      return { limit: byo.instagram, unit: "characters" };
    case "tiktok":
      return { limit: mediaType === "slideshow" ? byo.tiktokPhoto : byo.tiktokVideo, unit: "characters" };
    case "linkedin":
      return { limit: byo.linkedin, unit: "characters" };
    case "pinterest":
      return { limit: byo.pinterest, unit: "characters" };
    case "youtube":
      return { limit: byo.youtubeBytes, unit: "bytes" };
    default:
      // A platform the docs do not cover: the schema-level ceiling (seed-create-post.txt shape notes).
      return { limit: byo.facebook, unit: "characters" };
  }
}

/**
 * Pinterest appends the tags to the description, which must still fit 800 characters
 * (seed-create-post.txt "pinterest.tags"). The docs do not say how they are joined, so only what is
 * certain counts: the caption's characters and every tag's. A joiner can push a post the API then
 * refuses; counting one would refuse posts the API may accept.
 */
export function pinterestDescription(caption: string, tags: unknown): string {
  const list = Array.isArray(tags) ? tags.filter((t): t is string => typeof t === "string") : [];
  return caption + list.join("");
}

/** Text length as each platform counts it: UTF-16 code units, or UTF-8 bytes for YouTube. */
export function measure(text: string, unit: CaptionLimit["unit"]): number {
  return unit === "bytes" ? Buffer.byteLength(text, "utf8") : text.length;
}

interface Measured {
  account: Account;
  limit: number;
  unit: CaptionLimit["unit"];
  actual: number;
  withTags: boolean;
}

export const checkCaption: Check = ({ candidate, targets }) => {
  const caption = candidate.caption;
  if (caption === undefined) return [];
  const mediaType = candidate.media?.type;
  const failing: Measured[] = [];
  for (const account of targets) {
    const { limit, unit } = captionLimitFor(account, mediaType);
    const withTags = account.platform === "pinterest" && Array.isArray(candidate.pinterest?.tags);
    const text = withTags ? pinterestDescription(caption, candidate.pinterest?.tags) : caption;
    const actual = measure(text, unit);
    if (actual > limit) failing.push({ account, limit, unit, actual, withTags });
  }
  if (failing.length === 0) return [];
  failing.sort((a, b) => a.limit - b.limit);
  const strictest = failing[0] as Measured;
  const others = failing.slice(1).map((f) => `${accountLabel(f.account)} (${f.limit})`);
  const tagsNote = strictest.withTags ? " with the pinterest.tags appended" : "";
  const violation: Violation = {
    code:
      strictest.withTags && measure(caption, strictest.unit) <= strictest.limit
        ? "pinterest_description"
        : "caption_too_long",
    field: "caption",
    message: `\`caption\`${tagsNote} is ${strictest.actual} ${strictest.unit}; ${accountLabel(strictest.account)} takes at most ${strictest.limit}${others.length ? ` (also too long for ${others.join(", ")})` : ""}`,
    limit: strictest.limit,
    actual: strictest.actual,
    hint: strictest.withTags
      ? `Shorten the caption or drop tags so caption + tags fit ${strictest.limit} ${strictest.unit}.`
      : `Shorten the caption to at most ${strictest.limit} ${strictest.unit}, or leave ${accountLabel(strictest.account)} out of accounts.`,
  };
  return [violation];
};
