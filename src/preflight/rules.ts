// The documented rules, as data: one row per rule, with the doc it comes from. The checks in
// check-*.ts read their limits from here, the README's table is generated from it (and a test keeps
// them in step), and a later resource publishes it. Sources are files in ../shared/reference/.

export type Platform = "tiktok" | "instagram" | "youtube" | "pinterest" | "linkedin" | "facebook";
export const PLATFORMS: readonly Platform[] = [
  "tiktok",
  "instagram",
  "youtube",
  "pinterest",
  "linkedin",
  "facebook",
];

export type ContentKind = "video" | "slideshow" | "text_only";

export interface Rule {
  /** Also the `code` of the violation it produces. */
  id: string;
  /** Where it applies (field or scope). */
  field: string;
  /** The rule in words. */
  rule: string;
  limit?: number | string;
  /** Reference doc and section. */
  source: string;
}

const CREATE = "genviral-docs/seed-create-post.txt";
const CREATE_NEW = "genviral-docs/create-post-latest.txt";
const UPDATE = "genviral-docs/seed-update-post.txt";
const STRUCTURES = "genviral-docs/seed-data-structures.txt";
const LIST = "genviral-docs/seed-list-posts.txt";
const ACCOUNTS = "genviral-docs/get-accounts.txt";

/** Caption limits by account type and platform, in UTF-16 code units unless `bytes`. */
export const CAPTION_LIMITS = {
  hosted: 500,
  byo: {
    facebook: 63206,
    instagram: 2200,
    tiktokVideo: 2200,
    tiktokPhoto: 4000,
    linkedin: 3000,
    pinterest: 800,
    youtubeBytes: 5000,
  },
} as const;

export const LIMITS = {
  accountsMax: 10,
  slidesMin: 1,
  slidesMax: 35,
  instagramCarouselMax: 10,
  linkedinImagesMax: 20,
  videoSecondsMin: 15,
  videoSecondsMax: 60,
  tiktokTitleMax: 150,
  tiktokPhotoTitleMax: 90,
  tiktokDescriptionVideo: 2200,
  tiktokDescriptionPhoto: 4000,
  pinterestBoardIdMax: 128,
  pinterestTitleMax: 100,
  pinterestLinkMax: 2048,
  pinterestTagsMax: 30,
  pinterestTagLengthMax: 100,
  pinterestDescriptionMax: 800,
  youtubeTitleMax: 100,
  externalIdMax: 128,
  immediateWindowSeconds: 30,
  scheduleLeadSeconds: 120,
  listLimitMin: 1,
  listLimitMax: 100,
} as const;

export const VIDEO_EXTENSIONS = ["mp4", "mov", "m4v", "avi"] as const;
export const IMAGE_EXTENSIONS = ["jpg", "jpeg", "png"] as const;

/**
 * What each platform takes when GET /accounts gives no `capabilities.supported_content_kinds`.
 * Our choice, from the docs: text-only only where the platform has a text post (LinkedIn commentary,
 * Facebook feed message); YouTube publishes videos only; the others take video and images.
 */
export const DEFAULT_CONTENT_KINDS: Record<Platform, readonly ContentKind[]> = {
  tiktok: ["video", "slideshow"],
  instagram: ["video", "slideshow"],
  youtube: ["video"],
  pinterest: ["video", "slideshow"],
  linkedin: ["video", "slideshow", "text_only"],
  facebook: ["video", "slideshow", "text_only"],
};

export const EDITABLE_STATUSES = ["draft", "pending", "scheduled", "retry", "failed"] as const;
export const SETTINGS_PROVIDERS = ["x", "instagram", "facebook", "linkedin", "bluesky", "youtube"] as const;

export const RULES: readonly Rule[] = [
  { id: "caption_required", field: "caption", rule: "required and not empty", source: `${CREATE} › caption` },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "Hosted accounts: at most 500 characters",
    limit: CAPTION_LIMITS.hosted,
    source: `${CREATE} › Limits`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "Facebook (BYO): at most 63,206 characters",
    limit: CAPTION_LIMITS.byo.facebook,
    source: `${CREATE} › Limits`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "Instagram (BYO): at most 2,200 characters",
    limit: CAPTION_LIMITS.byo.instagram,
    source: `${CREATE} › Limits`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "TikTok (BYO): at most 2,200 UTF-16 units for video, 4,000 for photo posts",
    limit: "2200 / 4000",
    source: `${CREATE} › Limits`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "LinkedIn (BYO): at most 3,000 characters",
    limit: CAPTION_LIMITS.byo.linkedin,
    source: `${CREATE} › Limits`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "Pinterest (BYO): at most 800 characters, appended tags included",
    limit: CAPTION_LIMITS.byo.pinterest,
    source: `${CREATE} › Limits, pinterest.tags`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "YouTube (BYO): at most 5,000 bytes of UTF-8",
    limit: CAPTION_LIMITS.byo.youtubeBytes,
    source: `${CREATE} › Limits`,
  },
  {
    id: "caption_too_long",
    field: "caption",
    rule: "the strictest targeted account wins; an account's capabilities.caption_limit overrides the table",
    source: `${ACCOUNTS} › Behavior`,
  },
  {
    id: "accounts_count",
    field: "accounts",
    rule: "1 to 10 accounts",
    limit: LIMITS.accountsMax,
    source: `${CREATE_NEW} › accounts`,
  },
  {
    id: "unknown_account",
    field: "accounts[].id",
    rule: "every id must come from GET /accounts in this key's scope",
    source: `${CREATE} › accounts`,
  },
  {
    id: "inactive_account",
    field: "accounts[].id",
    rule: "every account must be active (not paused or revoked)",
    source: `${CREATE} › accounts`,
  },
  {
    id: "media_shape",
    field: "media",
    rule: "a video {type:'video', url} or a slideshow {type:'slideshow', urls}",
    source: `${STRUCTURES} › Media`,
  },
  {
    id: "slides_count",
    field: "media.urls",
    rule: "a slideshow has 1 to 35 images",
    limit: LIMITS.slidesMax,
    source: `${CREATE} › Limits`,
  },
  {
    id: "media_url",
    field: "media.url / media.urls[]",
    rule: "http(s) URLs",
    source: `${CREATE} › Canonical payload shape`,
  },
  {
    id: "video_format",
    field: "media.url",
    rule: "a video URL that shows an extension must be MP4, MOV, M4V or AVI",
    limit: "MP4/MOV/M4V/AVI",
    source: `${CREATE} › Limits`,
  },
  {
    id: "image_format",
    field: "media.urls[]",
    rule: "an image URL that shows an extension must be JPG, JPEG or PNG",
    limit: "JPG/JPEG/PNG",
    source: `${CREATE} › Limits`,
  },
  {
    id: "video_duration",
    field: "media.duration_sec",
    rule: "when duration is given, 15 to 60 seconds",
    limit: "15–60 s",
    source: `${CREATE} › Limits`,
  },
  {
    id: "instagram_carousel",
    field: "media.urls",
    rule: "Instagram carousels take at most 10 items",
    limit: LIMITS.instagramCarouselMax,
    source: `${CREATE} › Platform Matrix`,
  },
  {
    id: "linkedin_images",
    field: "media.urls",
    rule: "LinkedIn multi-image posts take 2 to 20 images (one image is a single-image post)",
    limit: LIMITS.linkedinImagesMax,
    source: `${CREATE} › Platform Matrix`,
  },
  {
    id: "content_kind",
    field: "media",
    rule: "every target must support the kind of post (video, slideshow, text-only); capabilities.supported_content_kinds, else the platform default",
    source: `${ACCOUNTS} › Behavior; ${CREATE_NEW} › Before you post`,
  },
  {
    id: "text_only",
    field: "media",
    rule: "media may be omitted or null only when every target supports text_only",
    source: `${CREATE_NEW} › media; ${UPDATE} › Limits`,
  },
  {
    id: "music_url_format",
    field: "music_url",
    rule: "a TikTok post URL",
    limit: "https://www.tiktok.com/@user/video/<id>",
    source: `${CREATE} › music_url`,
  },
  {
    id: "music_tiktok_only",
    field: "music_url",
    rule: "only when every targeted account is TikTok (rejected, not ignored, for others)",
    source: `${CREATE} › music_url; ${CREATE_NEW} › music_url`,
  },
  {
    id: "tiktok_targets",
    field: "tiktok",
    rule: "only when every targeted account is a TikTok BYO account",
    source: `${CREATE} › tiktok`,
  },
  {
    id: "tiktok_enum",
    field: "tiktok.privacy_level / tiktok.post_mode",
    rule: "documented values only",
    source: `${STRUCTURES} › TikTok Settings`,
  },
  {
    id: "tiktok_title",
    field: "tiktok.title",
    rule: "at most 150 characters; at most 90 for photo posts",
    limit: "150 / 90",
    source: `${STRUCTURES} › TikTok Settings; ${CREATE} › Platform Matrix`,
  },
  {
    id: "tiktok_description",
    field: "tiktok.description",
    rule: "at most 2,200 characters for video, 4,000 for photo posts",
    limit: "2200 / 4000",
    source: `${STRUCTURES} › TikTok Settings; update-post-preview.txt`,
  },
  {
    id: "tiktok_media_upload",
    field: "tiktok.post_mode",
    rule: "MEDIA_UPLOAD only with a slideshow",
    source: `${CREATE} › Limits`,
  },
  {
    id: "tiktok_cover",
    field: "tiktok.video_cover_timestamp_ms",
    rule: "only for a video DIRECT_POST",
    source: `${CREATE} › Limits`,
  },
  {
    id: "pinterest_targets",
    field: "pinterest",
    rule: "only when at least one Pinterest account is targeted",
    source: `${CREATE} › pinterest`,
  },
  {
    id: "pinterest_fields",
    field: "pinterest.*",
    rule: "board_id ≤ 128, title ≤ 100, link an http(s) URL ≤ 2,048, tags ≤ 30 of 1–100 characters",
    source: `${STRUCTURES} › Pinterest Settings; ${CREATE} › Platform Matrix`,
  },
  {
    id: "pinterest_description",
    field: "caption + pinterest.tags",
    rule: "the caption with the tags appended fits 800 characters",
    limit: LIMITS.pinterestDescriptionMax,
    source: `${CREATE} › Limits`,
  },
  {
    id: "platform_objects_exclusive",
    field: "tiktok + pinterest",
    rule: "never both in one request",
    source: `${CREATE} › Canonical payload shape`,
  },
  {
    id: "settings_provider",
    field: "settings",
    rule: "only x, instagram, facebook, linkedin, bluesky, youtube; tiktok and pinterest go top level",
    source: `${CREATE_NEW} › Provider settings; ${UPDATE} › settings`,
  },
  {
    id: "settings_untargeted",
    field: "settings.<provider>",
    rule: "only for platforms among the targets",
    source: `${CREATE_NEW} › Before you post; ${UPDATE} › settings`,
  },
  {
    id: "youtube_title",
    field: "settings.youtube.title",
    rule: "at most 100 characters",
    limit: LIMITS.youtubeTitleMax,
    source: `${CREATE} › Platform Matrix`,
  },
  {
    id: "scheduled_at_format",
    field: "scheduled_at",
    rule: "ISO 8601 with a timezone offset",
    source: `${CREATE_NEW} › scheduled_at`,
  },
  {
    id: "scheduled_at_past",
    field: "scheduled_at",
    rule: "never in the past (beyond the 30-second immediate window)",
    source: `${CREATE} › scheduled_at`,
  },
  {
    id: "scheduled_at_too_soon",
    field: "scheduled_at",
    rule: "omitted or within 30 s of now = publish now; otherwise at least 2 minutes ahead",
    limit: "2 min",
    source: `${CREATE_NEW} › scheduled_at; ${UPDATE} › scheduled_at`,
  },
  {
    id: "external_id_length",
    field: "external_id",
    rule: "at most 128 characters",
    limit: LIMITS.externalIdMax,
    source: `${CREATE_NEW} › external_id`,
  },
  {
    id: "external_id_immutable",
    field: "external_id",
    rule: "cannot change on update",
    source: `${UPDATE} › external_id`,
  },
  {
    id: "empty_update",
    field: "update_post",
    rule: "at least one field to change",
    source: `${UPDATE} › caption`,
  },
  {
    id: "post_not_editable",
    field: "post_id",
    rule: "only draft, pending, scheduled, retry or failed posts can be edited",
    source: `${UPDATE}`,
  },
  {
    id: "list_filters",
    field: "list_posts",
    rule: "status from the documented set; since/until ISO 8601; limit clamped to 1–100",
    limit: "1–100",
    source: `${LIST} › Query Parameters`,
  },
];
