/** Per-target caption limits, as the docs describe them, and how each platform measures the caption. */
import type { Account, JsonObject, Media } from "../types.js";

const HOSTED_LIMIT = 500;
const BYO_LIMITS: Record<Exclude<Account["platform"], "tiktok">, number> = {
  facebook: 63206,
  instagram: 2200,
  linkedin: 3000,
  pinterest: 800,
  youtube: 5000,
};
const TIKTOK_VIDEO_LIMIT = 2200;
const TIKTOK_PHOTO_LIMIT = 4000;

export interface CaptionCheck {
  limit: number;
  length: number;
  unit: "characters" | "bytes";
}

function defaultLimit(account: Account, media: Media | null): number {
  if (account.type === "hosted") return HOSTED_LIMIT;
  if (account.platform === "tiktok")
    return media?.type === "slideshow" ? TIKTOK_PHOTO_LIMIT : TIKTOK_VIDEO_LIMIT;
  return BYO_LIMITS[account.platform];
}

/** Pinterest appends tags to the description: caption + " " + "#tag1 #tag2". */
export function pinterestDescription(caption: string, pinterest: JsonObject | null): string {
  const tags = Array.isArray(pinterest?.tags) ? (pinterest.tags as string[]) : [];
  return tags.length === 0 ? caption : `${caption} ${tags.map((t) => `#${t}`).join(" ")}`;
}

export function captionCheck(
  account: Account,
  caption: string,
  media: Media | null,
  pinterest: JsonObject | null,
): CaptionCheck {
  // An account's advertised caption_limit wins over the platform table.
  const limit = account.capabilities?.caption_limit ?? defaultLimit(account, media);
  if (account.platform === "youtube") {
    return { limit, length: Buffer.byteLength(caption, "utf8"), unit: "bytes" };
  }
  const text = account.platform === "pinterest" ? pinterestDescription(caption, pinterest) : caption;
  // JS length counts UTF-16 code units, which is what TikTok documents ("UTF-16 runes").
  return { limit, length: text.length, unit: "characters" };
}
