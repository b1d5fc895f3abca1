/**
 * Shape checks for create/update bodies. Every failure is 422 invalid_payload with a message that starts with
 * the offending field, mirroring the API's schema layer; posting rules that need the accounts live in rules.ts.
 */
import { invalidPayload } from "../envelope.js";
import { parseZonedDateTime } from "../iso-time.js";
import { isObject } from "../json.js";
import type { JsonObject, Media } from "../types.js";

export const CAPTION_SCHEMA_MAX = 63206;
const MAX_ACCOUNTS = 10;
const MAX_SLIDES = 35;
const MAX_EXTERNAL_ID = 128;

/** Providers configured under `settings.<provider>`; TikTok and Pinterest use top-level objects instead. */
export const SETTINGS_PROVIDERS = ["x", "instagram", "facebook", "linkedin", "bluesky", "youtube"] as const;

const CREATE_FIELDS = new Set([
  "caption",
  "media",
  "accounts",
  "scheduled_at",
  "external_id",
  "music_url",
  "tiktok",
  "pinterest",
  "settings",
]);

export interface CreateInput {
  caption: string;
  media: Media | null;
  accountIds: string[];
  /** undefined when omitted or null. */
  scheduledAt: string | undefined;
  externalId: string | undefined;
  musicUrl: string | null;
  tiktok: JsonObject | null;
  pinterest: JsonObject | null;
  settings: Record<string, JsonObject> | null;
}

/** Only the keys present in the body; null means "clear" where the API allows it. */
export interface PatchInput {
  caption?: string;
  media?: Media | null;
  accountIds?: string[];
  settings?: Record<string, JsonObject | null> | null;
  tiktok?: JsonObject | null;
  pinterest?: JsonObject | null;
  scheduledAt?: string | null;
  musicUrl?: string | null;
  externalId?: string;
}

// Unknown top-level fields fail closed (the docs say other platform objects are rejected with 422; we extend
// that to any unknown key so client typos surface instead of being silently dropped).
function checkKnownFields(body: JsonObject): void {
  for (const key of Object.keys(body)) {
    if (CREATE_FIELDS.has(key)) continue;
    if ((SETTINGS_PROVIDERS as readonly string[]).includes(key)) {
      throw invalidPayload(`${key}: provider settings belong under settings.${key}`);
    }
    throw invalidPayload(`${key}: unknown field`);
  }
}

function requireBodyObject(body: unknown): JsonObject {
  if (!isObject(body)) throw invalidPayload("body: must be a JSON object");
  return body;
}

function checkCaption(value: unknown): string {
  if (typeof value !== "string" || value.length < 1 || value.length > CAPTION_SCHEMA_MAX) {
    throw invalidPayload(`caption: must be a string of 1 to ${CAPTION_SCHEMA_MAX} characters`);
  }
  return value;
}

function isHttpUrl(value: unknown): value is string {
  if (typeof value !== "string") return false;
  try {
    const url = new URL(value);
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function checkMedia(value: unknown): Media | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw invalidPayload("media: must be an object or null");
  if (value.duration_sec !== undefined) {
    const duration = value.duration_sec;
    if (typeof duration !== "number" || !Number.isFinite(duration) || duration < 0) {
      throw invalidPayload("media.duration_sec: must be a non-negative number");
    }
  }
  if (value.type === "video") {
    if (!isHttpUrl(value.url)) throw invalidPayload("media.url: must be an http(s) URL");
    return structuredClone(value) as Media;
  }
  if (value.type === "slideshow") {
    const urls = value.urls;
    if (!Array.isArray(urls) || urls.length < 1 || urls.length > MAX_SLIDES) {
      throw invalidPayload(`media.urls: must be an array of 1 to ${MAX_SLIDES} image URLs`);
    }
    urls.forEach((url, i) => {
      if (!isHttpUrl(url)) throw invalidPayload(`media.urls[${i}]: must be an http(s) URL`);
    });
    return structuredClone(value) as Media;
  }
  throw invalidPayload('media.type: must be "video" or "slideshow"');
}

// Repeated account ids are collapsed (first occurrence wins) rather than rejected.
function checkAccounts(value: unknown): string[] {
  if (!Array.isArray(value) || value.length < 1 || value.length > MAX_ACCOUNTS) {
    throw invalidPayload(`accounts: must be an array of 1 to ${MAX_ACCOUNTS} { id } objects`);
  }
  const ids = value.map((entry, i) => {
    if (!isObject(entry) || typeof entry.id !== "string" || entry.id.trim() === "") {
      throw invalidPayload(`accounts[${i}].id: must be a non-empty string`);
    }
    return entry.id;
  });
  return [...new Set(ids)];
}

function checkScheduledAt(value: unknown): string {
  if (typeof value !== "string" || parseZonedDateTime(value) === undefined) {
    throw invalidPayload(
      "scheduled_at: must be an ISO 8601 date-time with a timezone (e.g. 2026-05-21T15:00:00Z)",
    );
  }
  return value;
}

function checkExternalId(value: unknown): string {
  if (typeof value !== "string" || value.length < 1 || value.length > MAX_EXTERNAL_ID) {
    throw invalidPayload(`external_id: must be a string of 1 to ${MAX_EXTERNAL_ID} characters`);
  }
  return value;
}

function checkMusicUrl(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== "string") throw invalidPayload("music_url: must be a string or null");
  return value;
}

const TIKTOK_POST_MODES = ["DIRECT_POST", "MEDIA_UPLOAD"];
const TIKTOK_PRIVACY = ["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"];
const TIKTOK_BOOLEANS = [
  "disable_comment",
  "disable_duet",
  "disable_stitch",
  "user_consent",
  "is_commercial",
  "is_your_brand",
  "is_branded_content",
  "auto_add_music",
];

function checkMaxString(obj: JsonObject, prefix: string, key: string, max: number): void {
  const value = obj[key];
  if (value === undefined) return;
  if (typeof value !== "string" || value.length > max) {
    throw invalidPayload(`${prefix}.${key}: must be a string of at most ${max} characters`);
  }
}

function checkTiktok(value: unknown): JsonObject | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw invalidPayload("tiktok: must be an object or null");
  checkMaxString(value, "tiktok", "title", 150);
  // 4,000 for photo posts (update-post-preview.txt); the 2,200 video cap is a per-kind rule (rules.ts).
  checkMaxString(value, "tiktok", "description", 4000);
  if (value.post_mode !== undefined && !TIKTOK_POST_MODES.includes(value.post_mode as string)) {
    throw invalidPayload(`tiktok.post_mode: must be one of ${TIKTOK_POST_MODES.join(", ")}`);
  }
  if (value.privacy_level !== undefined && !TIKTOK_PRIVACY.includes(value.privacy_level as string)) {
    throw invalidPayload(`tiktok.privacy_level: must be one of ${TIKTOK_PRIVACY.join(", ")}`);
  }
  for (const key of TIKTOK_BOOLEANS) {
    if (value[key] !== undefined && typeof value[key] !== "boolean") {
      throw invalidPayload(`tiktok.${key}: must be a boolean`);
    }
  }
  const cover = value.video_cover_timestamp_ms;
  if (cover !== undefined && !(typeof cover === "number" && Number.isInteger(cover) && cover >= 0)) {
    throw invalidPayload("tiktok.video_cover_timestamp_ms: must be a non-negative integer");
  }
  return structuredClone(value);
}

function checkPinterest(value: unknown): JsonObject | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw invalidPayload("pinterest: must be an object or null");
  checkMaxString(value, "pinterest", "board_id", 128);
  checkMaxString(value, "pinterest", "title", 100);
  if (value.link !== undefined && !(isHttpUrl(value.link) && value.link.length <= 2048)) {
    throw invalidPayload("pinterest.link: must be an http(s) URL of at most 2048 characters");
  }
  const tags = value.tags;
  if (tags !== undefined) {
    if (!Array.isArray(tags) || tags.length > 30)
      throw invalidPayload("pinterest.tags: must be an array of up to 30 tags");
    tags.forEach((tag, i) => {
      if (typeof tag !== "string" || tag.length < 1 || tag.length > 100) {
        throw invalidPayload(`pinterest.tags[${i}]: must be a string of 1 to 100 characters`);
      }
    });
  }
  return structuredClone(value);
}

/** `allowNullProviders` is for PATCH, where `settings.<provider>: null` removes that provider's block. */
function checkSettings(
  value: unknown,
  allowNullProviders: boolean,
): Record<string, JsonObject | null> | null {
  if (value === null || value === undefined) return null;
  if (!isObject(value)) throw invalidPayload("settings: must be an object or null");
  for (const [key, block] of Object.entries(value)) {
    if (key === "tiktok" || key === "pinterest") {
      throw invalidPayload(`settings.${key}: send ${key} settings as the top-level "${key}" object`);
    }
    if (!(SETTINGS_PROVIDERS as readonly string[]).includes(key)) {
      throw invalidPayload(`settings.${key}: unknown provider (allowed: ${SETTINGS_PROVIDERS.join(", ")})`);
    }
    if (!isObject(block) && !(allowNullProviders && block === null)) {
      throw invalidPayload(`settings.${key}: must be an object`);
    }
  }
  return structuredClone(value) as Record<string, JsonObject | null>;
}

function checkExclusivePlatformObjects(tiktok: unknown, pinterest: unknown): void {
  if (isObject(tiktok) && isObject(pinterest)) {
    throw invalidPayload("tiktok, pinterest: TikTok and Pinterest settings cannot be sent together");
  }
}

export function parseCreateBody(raw: unknown): CreateInput {
  const body = requireBodyObject(raw);
  checkKnownFields(body);
  const input: CreateInput = {
    caption: checkCaption(body.caption),
    media: checkMedia(body.media),
    accountIds: checkAccounts(body.accounts),
    scheduledAt:
      body.scheduled_at === undefined || body.scheduled_at === null
        ? undefined
        : checkScheduledAt(body.scheduled_at),
    externalId:
      body.external_id === undefined || body.external_id === null
        ? undefined
        : checkExternalId(body.external_id),
    musicUrl: checkMusicUrl(body.music_url),
    tiktok: checkTiktok(body.tiktok),
    pinterest: checkPinterest(body.pinterest),
    settings: checkSettings(body.settings, false) as Record<string, JsonObject> | null,
  };
  checkExclusivePlatformObjects(input.tiktok, input.pinterest);
  return input;
}

export function parsePatchBody(raw: unknown): PatchInput {
  const body = requireBodyObject(raw);
  checkKnownFields(body);
  if (Object.keys(body).length === 0) {
    throw invalidPayload("body: at least one editable field is required");
  }
  const patch: PatchInput = {};
  if ("caption" in body) patch.caption = checkCaption(body.caption);
  if ("media" in body) patch.media = checkMedia(body.media);
  if ("accounts" in body) patch.accountIds = checkAccounts(body.accounts);
  if ("settings" in body) patch.settings = checkSettings(body.settings, true);
  if ("tiktok" in body) patch.tiktok = checkTiktok(body.tiktok);
  if ("pinterest" in body) patch.pinterest = checkPinterest(body.pinterest);
  if ("scheduled_at" in body)
    patch.scheduledAt = body.scheduled_at === null ? null : checkScheduledAt(body.scheduled_at);
  if ("music_url" in body) patch.musicUrl = checkMusicUrl(body.music_url);
  if ("external_id" in body) patch.externalId = checkExternalId(body.external_id);
  checkExclusivePlatformObjects(patch.tiktok, patch.pinterest);
  return patch;
}
