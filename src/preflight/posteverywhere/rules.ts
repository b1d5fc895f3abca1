// PostEverywhere's platform rules, as data with their sources (files in ../shared/reference/). The
// checks in checks.ts read them; the README's PostEverywhere section is generated from this table and
// from the provider's mapping table (test/unit/readme.test.ts keeps them in step).
import type { ContentKind } from "../rules.js";

export type PePlatform =
  | "x"
  | "threads"
  | "bluesky"
  | "instagram"
  | "tiktok"
  | "youtube"
  | "linkedin"
  | "facebook"
  | "pinterest";

const CREATE = "posteverywhere-docs/seed-create-post.txt";
const SUMMARY = "posteverywhere-docs/api-summary.md";

export interface PlatformLimits {
  /** Caption (content) length in UTF-16 units; published to pre-flight as capabilities.caption_limit. */
  captionLimit: number;
  kinds: readonly ContentKind[];
  /** Images in one post, when the platform caps them below the shared 35. */
  maxImages?: number;
}

/**
 * The platforms' own limits, which PostEverywhere enforces (and serves from GET /platform-rules).
 * Text-only posts where the platform has them; YouTube takes videos only.
 */
export const PE_PLATFORM_LIMITS: Record<PePlatform, PlatformLimits> = {
  x: { captionLimit: 280, kinds: ["video", "slideshow", "text_only"], maxImages: 4 },
  threads: { captionLimit: 500, kinds: ["video", "slideshow", "text_only"], maxImages: 20 },
  bluesky: { captionLimit: 300, kinds: ["video", "slideshow", "text_only"], maxImages: 4 },
  instagram: { captionLimit: 2200, kinds: ["video", "slideshow"], maxImages: 10 },
  tiktok: { captionLimit: 2200, kinds: ["video", "slideshow"], maxImages: 35 },
  youtube: { captionLimit: 5000, kinds: ["video"], maxImages: 1 },
  linkedin: { captionLimit: 3000, kinds: ["video", "slideshow", "text_only"], maxImages: 20 },
  facebook: { captionLimit: 63206, kinds: ["video", "slideshow", "text_only"], maxImages: 10 },
  pinterest: { captionLimit: 500, kinds: ["video", "slideshow"], maxImages: 5 },
};

export const INSTAGRAM_CONTENT_TYPES = ["Post", "Story", "Reels", "Trial Reel"] as const;

/** settings.<platform> keys this backend carries into platform_content, with their allowed values. */
export const PE_SETTINGS: Record<string, Record<string, readonly string[] | "string" | "number" | "tags">> = {
  instagram: {
    contentType: INSTAGRAM_CONTENT_TYPES,
    altText: "string",
    coverPhotoTimestamp: "number",
    content: "string",
  },
  youtube: {
    title: "string",
    privacyStatus: ["public", "unlisted", "private"],
    tags: "tags",
    content: "string",
  },
  linkedin: { visibility: ["PUBLIC", "CONNECTIONS", "LOGGED_IN_MEMBERS"], content: "string" },
  x: { replySettings: ["everyone", "following", "mentionedUsers"], content: "string" },
  facebook: { videoType: ["reel", "video"], content: "string" },
  bluesky: { content: "string" },
};

export const PE_LIMITS = { instagramAltTextMax: 100, youtubeTitleMax: 100 } as const;

/** tiktok.* fields with a counterpart in platform_content.tiktok (the rest are refused). */
export const TIKTOK_CARRIED = [
  "privacy_level",
  "disable_comment",
  "disable_duet",
  "disable_stitch",
  "description",
  "post_mode",
] as const;

export const PE_EDITABLE_STATUSES = ["draft", "scheduled"] as const;

export interface PeRule {
  id: string;
  field: string;
  rule: string;
  limit?: number | string;
  source: string;
}

const captionRow = (platform: PePlatform, name: string): PeRule => ({
  id: "caption_too_long",
  field: "caption",
  rule: `${name}: at most ${PE_PLATFORM_LIMITS[platform].captionLimit.toLocaleString("en-US")} characters`,
  limit: PE_PLATFORM_LIMITS[platform].captionLimit,
  source: `${SUMMARY} › GET /platform-rules`,
});

export const PE_RULES: readonly PeRule[] = [
  captionRow("x", "X"),
  captionRow("threads", "Threads"),
  captionRow("bluesky", "Bluesky"),
  {
    id: "slides_count",
    field: "media.urls",
    rule: "X and Bluesky take at most 4 images, Threads 20",
    limit: "4 / 20",
    source: `${SUMMARY} › GET /platform-rules`,
  },
  {
    id: "content_kind",
    field: "media",
    rule: "text-only posts on X, Threads, Bluesky, LinkedIn and Facebook; YouTube takes video only",
    source: `${SUMMARY} › Platforms`,
  },
  {
    id: "youtube_title_required",
    field: "settings.youtube.title",
    rule: "required when a YouTube account is targeted, at most 100 characters",
    limit: PE_LIMITS.youtubeTitleMax,
    source: `${CREATE} › platform_content (youtube title)`,
  },
  {
    id: "instagram_content_type",
    field: "settings.instagram.contentType",
    rule: "Post, Story, Reels or Trial Reel; Reels need a video, a Story one video or one image",
    source: `${CREATE} › platform_content (instagram contentType)`,
  },
  {
    id: "settings_value",
    field: "settings.<platform>.*",
    rule: "only the documented keys and values: instagram altText ≤ 100, youtube privacyStatus, linkedin visibility, x replySettings, facebook videoType",
    source: `${CREATE} › platform_content`,
  },
  {
    id: "tiktok_untargeted",
    field: "tiktok",
    rule: "only when a TikTok account is targeted (other targets are fine: it goes to platform_content.tiktok)",
    source: `${CREATE} › platform_content`,
  },
  {
    id: "no_counterpart",
    field:
      "music_url, pinterest.*, tiktok.title / video_cover_timestamp_ms / user_consent / is_* / auto_add_music, tiktok.post_mode MEDIA_UPLOAD",
    rule: "refused: PostEverywhere has nothing to carry them, and dropping them silently would post something else",
    source: `${CREATE} › Request Body Schema`,
  },
  {
    id: "update_no_counterpart",
    field: "update_post: tiktok, settings, pinterest, music_url, scheduled_at null",
    rule: "PATCH /posts/{id} takes only content, scheduled_for, account_ids and media_ids",
    source: `${SUMMARY} › PATCH /posts/{id}`,
  },
  {
    id: "post_not_editable",
    field: "post_id",
    rule: "only scheduled or draft posts can be edited",
    source: `${SUMMARY} › PATCH /posts/{id}`,
  },
];
