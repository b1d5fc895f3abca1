// The tools speak Genviral's shapes; PostEverywhere takes and returns its own. This file is the whole
// translation, both ways, plus MAPPING: the table the README's "PostEverywhere backend" section is
// generated from (test/unit/readme.test.ts keeps the two in step).
import type { Account, CreatedPost, Post } from "../../schemas/api-data.js";
import type { CreatePostBody, ListPostsQuery, UpdatePostBody } from "../../schemas/post-input.js";
import type { PeAccount, PePost } from "./envelope.js";

export interface MappingRow {
  tool: string;
  posteverywhere: string;
  note: string;
}

export const MAPPING: readonly MappingRow[] = [
  { tool: "`caption`", posteverywhere: "`content`", note: "" },
  {
    tool: "`accounts[{id}]`",
    posteverywhere: "`account_ids` (integers)",
    note: 'ids are the integers as strings: `"2280"` ↔ `2280`',
  },
  {
    tool: "`media` URLs",
    posteverywhere: "`POST /media/upload-from-url` → `media_ids`",
    note: "one upload per URL, in order; `duration_sec` is only read by pre-flight",
  },
  {
    tool: "`scheduled_at`",
    posteverywhere: '`scheduled_for` + `timezone: "UTC"`',
    note: "sent in UTC; omitted = publish now",
  },
  { tool: "`external_id`", posteverywhere: "—", note: "not sent; repeats are caught in-process (below)" },
  {
    tool: "`tiktok.privacy_level`",
    posteverywhere: "`platform_content.tiktok.settings.privacyLevel`",
    note: "",
  },
  {
    tool: "`tiktok.disable_comment` / `disable_duet` / `disable_stitch`",
    posteverywhere: "`…tiktok.settings.allowComments` / `allowDuet` / `allowStitch`",
    note: "negated",
  },
  { tool: "`tiktok.description`", posteverywhere: "`platform_content.tiktok.content`", note: "" },
  {
    tool: "`tiktok.post_mode`",
    posteverywhere: "—",
    note: "`DIRECT_POST` is what it does; `MEDIA_UPLOAD` refused",
  },
  {
    tool: "`settings.instagram.contentType`",
    posteverywhere: "`platform_content.instagram.contentType`",
    note: "Post, Story, Reels, Trial Reel",
  },
  {
    tool: "`settings.<platform>.content`",
    posteverywhere: "`platform_content.<platform>.content`",
    note: "per-platform caption",
  },
  {
    tool: "`settings.<platform>.<key>`",
    posteverywhere: "`platform_content.<platform>.settings.<key>`",
    note: "documented keys only: altText, coverPhotoTimestamp, title, privacyStatus, tags, visibility, replySettings, videoType",
  },
  {
    tool: "`music_url`, `pinterest`, other `tiktok.*`",
    posteverywhere: "—",
    note: "refused by pre-flight (`no_counterpart`)",
  },
  { tool: "`list_accounts`", posteverywhere: "`GET /accounts`", note: '`type` is always `"byo"`' },
  {
    tool: "`list_posts` `status`",
    posteverywhere: "`GET /posts?status=`",
    note: "pending → publishing, posted → published, partial → partially_failed; `retry` has none",
  },
  {
    tool: "`list_posts` `since` / `until`",
    posteverywhere: "—",
    note: "applied here to the newest 100 posts",
  },
  { tool: "`get_post`", posteverywhere: "`GET /posts/{id}`", note: "" },
  {
    tool: "`update_post`",
    posteverywhere: "`PATCH /posts/{id}`",
    note: "caption, media, accounts, scheduled_at only; scheduled or draft posts",
  },
  {
    tool: "`delete_posts`",
    posteverywhere: "`DELETE /posts/{id}` per id",
    note: "scheduled or draft posts; others in `blockedStatuses`",
  },
  {
    tool: "`retry_posts`",
    posteverywhere: "`POST /posts/{id}/retry` per id",
    note: "every failed destination; `account_ids` refused",
  },
];

// GET /posts statuses (api-summary.md) ↔ the statuses the tools use.
export const STATUS_FROM_PE: Record<string, string> = {
  draft: "draft",
  scheduled: "scheduled",
  publishing: "pending",
  published: "posted",
  partially_failed: "partial",
  failed: "failed",
  pending: "pending",
};
export const STATUS_TO_PE: Partial<Record<NonNullable<ListPostsQuery["status"]>, string>> = {
  draft: "draft",
  scheduled: "scheduled",
  pending: "publishing",
  posted: "published",
  partial: "partially_failed",
  failed: "failed",
};

export const statusFromPe = (status: string): string => STATUS_FROM_PE[status] ?? status;

/** "2280" → 2280; pre-flight has checked that every id is one GET /accounts listed. */
export function toAccountId(id: string): number {
  const n = Number(id);
  return Number.isSafeInteger(n) ? n : Number.NaN;
}

export function accountFromPe(
  account: PeAccount,
  capabilities: Record<string, unknown> | undefined,
): Account {
  const health = account.health ?? undefined;
  const status = account.status ?? (health && health !== "healthy" ? health : "active");
  return {
    id: account.id,
    platform: account.platform,
    // PostEverywhere connects the user's own accounts: all of them are "bring your own".
    type: "byo",
    username: account.username ?? null,
    display_name: account.display_name ?? account.name ?? null,
    status,
    ...(capabilities ? { capabilities } : {}),
  };
}

/** media as the tools send it → the URLs to upload, in order. */
export function mediaUrls(media: CreatePostBody["media"]): string[] {
  if (!media) return [];
  return media.type === "video" ? [media.url] : [...media.urls];
}

type JsonRecord = Record<string, unknown>;

/** tiktok + settings.<platform> → platform_content. Pre-flight has refused what has no counterpart. */
export function platformContent(
  tiktok: CreatePostBody["tiktok"],
  settings: CreatePostBody["settings"],
): Record<string, JsonRecord> | undefined {
  const out: Record<string, JsonRecord> = {};
  if (tiktok) {
    const t = tiktok as JsonRecord;
    const s: JsonRecord = {};
    if (t.privacy_level !== undefined) s.privacyLevel = t.privacy_level;
    if (typeof t.disable_comment === "boolean") s.allowComments = !t.disable_comment;
    if (typeof t.disable_duet === "boolean") s.allowDuet = !t.disable_duet;
    if (typeof t.disable_stitch === "boolean") s.allowStitch = !t.disable_stitch;
    const block: JsonRecord = {};
    if (typeof t.description === "string") block.content = t.description;
    if (Object.keys(s).length) block.settings = s;
    if (Object.keys(block).length) out.tiktok = block;
  }
  for (const [platform, value] of Object.entries(settings ?? {})) {
    if (!value) continue;
    const { content, contentType, ...rest } = value as JsonRecord;
    const block: JsonRecord = {};
    if (content !== undefined) block.content = content;
    if (contentType !== undefined) block.contentType = contentType;
    if (Object.keys(rest).length) block.settings = rest;
    if (Object.keys(block).length) out[platform] = block;
  }
  return Object.keys(out).length ? out : undefined;
}

/** The fields of a create body that say what is posted: what a repeat with the same external_id must match. */
export function createFingerprint(body: CreatePostBody): string {
  const { external_id: _ignored, ...rest } = body;
  return JSON.stringify(rest, Object.keys(flatKeys(rest)).sort());
}

function flatKeys(value: unknown, keys: Record<string, true> = {}): Record<string, true> {
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      keys[k] = true;
      flatKeys(v, keys);
    }
  }
  return keys;
}

export function createBody(body: CreatePostBody, mediaIds: string[]): JsonRecord {
  const json: JsonRecord = {
    content: body.caption,
    account_ids: body.accounts.map((a) => toAccountId(a.id)),
  };
  if (body.scheduled_at) {
    json.scheduled_for = new Date(body.scheduled_at).toISOString();
    json.timezone = "UTC";
  }
  if (mediaIds.length) json.media_ids = mediaIds;
  const content = platformContent(body.tiktok, body.settings);
  if (content) json.platform_content = content;
  return json;
}

export function patchBody(patch: UpdatePostBody, mediaIds: string[] | undefined): JsonRecord {
  const json: JsonRecord = {};
  if (patch.caption !== undefined) json.content = patch.caption;
  if (patch.accounts) json.account_ids = patch.accounts.map((a) => toAccountId(a.id));
  if (typeof patch.scheduled_at === "string") {
    json.scheduled_for = new Date(patch.scheduled_at).toISOString();
    json.timezone = "UTC";
  }
  if (mediaIds !== undefined) json.media_ids = mediaIds;
  return json;
}

export function createdFromPe(created: {
  post_id: string;
  status: string;
  scheduled_for?: string | null | undefined;
}): CreatedPost {
  return {
    id: created.post_id,
    status: statusFromPe(created.status),
    scheduled_at: created.scheduled_for ?? null,
    duplicate: false,
    warnings: [],
  };
}

/** platform_content → the tiktok and settings objects the tools use (for update's pre-flight too). */
function fromPlatformContent(content: PePost["platform_content"]): {
  tiktok: JsonRecord | null;
  settings: JsonRecord | null;
} {
  let tiktok: JsonRecord | null = null;
  const settings: JsonRecord = {};
  for (const [platform, raw] of Object.entries(content ?? {})) {
    const block = raw as JsonRecord;
    const inner = (block.settings ?? {}) as JsonRecord;
    if (platform === "tiktok") {
      tiktok = {};
      if (inner.privacyLevel !== undefined) tiktok.privacy_level = inner.privacyLevel;
      if (typeof inner.allowComments === "boolean") tiktok.disable_comment = !inner.allowComments;
      if (typeof inner.allowDuet === "boolean") tiktok.disable_duet = !inner.allowDuet;
      if (typeof inner.allowStitch === "boolean") tiktok.disable_stitch = !inner.allowStitch;
      if (typeof block.content === "string") tiktok.description = block.content;
      continue;
    }
    settings[platform] = {
      ...inner,
      ...(block.content === undefined ? {} : { content: block.content }),
      ...(block.contentType === undefined ? {} : { contentType: block.contentType }),
    };
  }
  return { tiktok, settings: Object.keys(settings).length ? settings : null };
}

export function postFromPe(post: PePost): Post {
  const media = post.media ?? [];
  const isVideo = (m: (typeof media)[number]) =>
    (m.type ?? m.mime_type ?? "").startsWith("video") || /\.(mp4|mov|m4v|avi|webm)(\?|$)/i.test(m.url ?? "");
  const urls = media.map((m) => m.url ?? m.id);
  const first = media[0];
  const { tiktok, settings } = fromPlatformContent(post.platform_content);
  const states =
    post.destinations?.map((d) => ({
      account_id: d.account_id,
      status: statusFromPe(d.status),
      published_at: d.published_at ?? null,
      published_url: d.published_url ?? null,
      error_message: d.error_message ?? null,
    })) ?? (post.account_ids ?? []).map((id) => ({ account_id: id, status: statusFromPe(post.status) }));
  return {
    id: post.id,
    status: statusFromPe(post.status),
    caption: post.content ?? "",
    scheduled_at: post.scheduled_for ?? null,
    ...(post.created_at ? { created_at: post.created_at } : {}),
    media: !first
      ? null
      : media.length === 1 && isVideo(first)
        ? { type: "video", url: urls[0] }
        : { type: "slideshow", urls },
    music_url: null,
    tiktok,
    pinterest: null,
    settings,
    accounts: { total: states.length, states },
  };
}
