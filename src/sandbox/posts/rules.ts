/**
 * Posting rules that depend on the targeted accounts (400 errors). Applied to the resulting post on both
 * create and update. Order: accounts, music URL shape, platform rules, media reachability last (the real API
 * does its network checks after the cheap ones).
 */
import { ApiError, validationFailed } from "../envelope.js";
import type { SandboxStore } from "../store.js";
import type { Account, JsonObject, Media, Warning } from "../types.js";
import { captionCheck } from "./caption-limit.js";

export interface PostCandidate {
  caption: string;
  media: Media | null;
  accountIds: string[];
  musicUrl: string | null;
  tiktok: JsonObject | null;
  pinterest: JsonObject | null;
}

const MIN_VIDEO_SECONDS = 15;
const MAX_VIDEO_SECONDS = 60;
// Instagram carries no capabilities in the seed; its documented carousel cap is 10.
const INSTAGRAM_MAX_SLIDES = 10;
const DEFAULT_MAX_SLIDES = 35;

function describe(account: Account): string {
  return `${account.platform} ${account.type} account ${account.id} (@${account.username})`;
}

function resolveAccounts(store: SandboxStore, ids: string[]): Account[] {
  const unknown = ids.filter((id) => !store.account(id));
  if (unknown.length > 0) {
    throw new ApiError(
      400,
      "unknown_accounts",
      `Unknown account id(s) for this key scope: ${unknown.join(", ")}`,
    );
  }
  const accounts = ids.map((id) => store.account(id) as Account);
  const inactive = accounts.filter((a) => a.status !== "active");
  if (inactive.length > 0) {
    const list = inactive.map((a) => `${a.id} (status: ${a.status})`).join(", ");
    throw new ApiError(400, "unknown_accounts", `Account(s) inactive and cannot be posted to: ${list}`);
  }
  return accounts;
}

function isTiktokUrl(text: string): boolean {
  try {
    const url = new URL(text);
    const host = url.hostname.toLowerCase();
    return (
      (url.protocol === "https:" || url.protocol === "http:") &&
      (host === "tiktok.com" || host.endsWith(".tiktok.com"))
    );
  } catch {
    return false;
  }
}

function checkMusic(candidate: PostCandidate, accounts: Account[]): void {
  if (candidate.musicUrl === null) return;
  if (!isTiktokUrl(candidate.musicUrl)) {
    throw new ApiError(
      400,
      "invalid_music_url",
      "music_url must be a TikTok post URL (https://www.tiktok.com/...)",
    );
  }
  // Newest docs: music_url with any non-TikTok target is rejected, not ignored.
  const others = accounts.filter((a) => a.platform !== "tiktok");
  if (others.length > 0) {
    throw validationFailed(`music_url is TikTok-only; remove it or drop: ${others.map(describe).join(", ")}`);
  }
}

function checkTiktokSettings(candidate: PostCandidate, accounts: Account[]): void {
  const tiktok = candidate.tiktok;
  if (!tiktok) return;
  const notByoTiktok = accounts.filter((a) => a.platform !== "tiktok" || a.type !== "byo");
  if (notByoTiktok.length > 0) {
    throw validationFailed(
      `tiktok settings require every target to be a TikTok BYO account; not: ${notByoTiktok.map(describe).join(", ")}`,
    );
  }
  if (tiktok.post_mode === "MEDIA_UPLOAD" && candidate.media?.type !== "slideshow") {
    throw validationFailed("tiktok.post_mode MEDIA_UPLOAD is supported only for slideshow (photo) posts");
  }
  if (
    candidate.media?.type !== "slideshow" &&
    typeof tiktok.description === "string" &&
    tiktok.description.length > 2200
  ) {
    throw validationFailed(
      "tiktok.description is limited to 2200 characters for video posts (4000 for photo posts)",
    );
  }
  if (
    tiktok.video_cover_timestamp_ms !== undefined &&
    (candidate.media?.type !== "video" || tiktok.post_mode === "MEDIA_UPLOAD")
  ) {
    throw validationFailed(
      "tiktok.video_cover_timestamp_ms is supported only for video DIRECT_POST requests",
    );
  }
}

function checkPinterestSettings(candidate: PostCandidate, accounts: Account[]): void {
  if (candidate.pinterest && !accounts.some((a) => a.platform === "pinterest")) {
    throw validationFailed("pinterest settings require at least one Pinterest account among the targets");
  }
}

function checkMediaKinds(media: Media | null, accounts: Account[]): void {
  const kind = media?.type ?? "text_only";
  // No capabilities means the account takes video and slideshow but never text-only.
  const lacking = accounts.filter(
    (a) => !(a.capabilities?.supported_content_kinds ?? ["video", "slideshow"]).includes(kind),
  );
  if (lacking.length === 0) return;
  const who = lacking.map(describe).join(", ");
  if (kind === "text_only")
    throw validationFailed(`media is required: text-only posts are not supported by ${who}`);
  throw validationFailed(`${kind} posts are not supported by ${who}`);
}

function checkMediaLimits(media: Media | null, accounts: Account[]): void {
  if (media?.type === "slideshow") {
    for (const account of accounts) {
      const max =
        account.capabilities?.media_limits.max_slides ??
        (account.platform === "instagram" ? INSTAGRAM_MAX_SLIDES : DEFAULT_MAX_SLIDES);
      if (media.urls.length > max) {
        throw validationFailed(
          `media.urls has ${media.urls.length} slides; ${describe(account)} allows at most ${max}`,
        );
      }
    }
  }
  const duration = media?.type === "video" ? media.duration_sec : undefined;
  if (typeof duration === "number" && (duration < MIN_VIDEO_SECONDS || duration > MAX_VIDEO_SECONDS)) {
    throw validationFailed(
      `media.duration_sec is ${duration}; videos must be ${MIN_VIDEO_SECONDS}-${MAX_VIDEO_SECONDS} seconds long`,
    );
  }
}

function checkCaptions(candidate: PostCandidate, accounts: Account[]): void {
  for (const account of accounts) {
    const { limit, length, unit } = captionCheck(
      account,
      candidate.caption,
      candidate.media,
      candidate.pinterest,
    );
    if (length > limit) {
      const suffix =
        account.platform === "pinterest" && candidate.pinterest?.tags ? " (including appended tags)" : "";
      throw validationFailed(
        `caption is ${length} ${unit}${suffix}; ${describe(account)} allows at most ${limit}`,
      );
    }
  }
}

// Sandbox convention: any media URL whose hostname ends in ".invalid" (a TLD reserved by RFC 2606 to never
// resolve) counts as unreachable, so tests can exercise 400 media_unreachable without a network.
function checkReachability(media: Media | null): void {
  const urls = media === null ? [] : media.type === "video" ? [media.url] : media.urls;
  for (const url of urls) {
    const host = new URL(url).hostname.toLowerCase();
    if (host === "invalid" || host.endsWith(".invalid")) {
      throw new ApiError(400, "media_unreachable", `Media URL could not be fetched: ${url}`);
    }
  }
}

export function mediaWarnings(media: Media | null): Warning[] {
  if (media?.type === "video" && media.duration_sec === undefined) {
    return [
      { field: "media", code: "VIDEO_DURATION_MISSING", message: "Video duration metadata is missing" },
    ];
  }
  return [];
}

/** Throws the first rule the candidate breaks; returns the resolved target accounts. */
export function checkPostRules(store: SandboxStore, candidate: PostCandidate): Account[] {
  const accounts = resolveAccounts(store, candidate.accountIds);
  checkMusic(candidate, accounts);
  checkTiktokSettings(candidate, accounts);
  checkPinterestSettings(candidate, accounts);
  checkMediaKinds(candidate.media, accounts);
  checkMediaLimits(candidate.media, accounts);
  checkCaptions(candidate, accounts);
  checkReachability(candidate.media);
  return accounts;
}
