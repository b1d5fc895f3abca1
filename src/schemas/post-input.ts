// The bodies the Partner API accepts, in zod, with the API's own field names. Tools use them as
// their input schemas and the provider sends them on unchanged. Limits cite the doc they come from
// (../shared/reference/genviral-docs/…); cross-field rules (per platform, per account) live in preflight/.
import { z } from "zod";
import { isoDateTimeOrDate, isoDateTimeWithZone } from "./iso-datetime.js";

const HTTP_URL = /^https?:\/\/\S+$/i;
const MAX_URL_LENGTH = 2048;
const HTTP_URL_MESSAGE = "must be an http(s) URL";

const httpUrl = z.string().max(MAX_URL_LENGTH).regex(HTTP_URL, HTTP_URL_MESSAGE);

/**
 * Up to 35 slide URLs, each checked in one pass with the same rules and issues as `httpUrl`: zod's
 * per-item machinery costs more than the checks themselves on the validator's hot path.
 */
const slideUrls = z
  .array(z.string())
  .min(1)
  .max(35)
  .superRefine((urls, ctx) => {
    for (let i = 0; i < urls.length; i++) {
      const url = urls[i] as string;
      if (url.length > MAX_URL_LENGTH) {
        ctx.addIssue({
          code: "too_big",
          maximum: MAX_URL_LENGTH,
          origin: "string",
          inclusive: true,
          input: url,
          path: [i],
        });
      } else if (!HTTP_URL.test(url)) {
        ctx.addIssue({
          code: "invalid_format",
          format: "regex",
          pattern: HTTP_URL.source,
          input: url,
          path: [i],
          message: HTTP_URL_MESSAGE,
        });
      }
    }
  });

// seed-data-structures.txt "Media": video → url, slideshow → urls (1–35). Extra keys the newest
// create-post page sends (e.g. duration_sec) are kept and forwarded, never dropped.
export const videoMedia = z.looseObject({ type: z.literal("video"), url: httpUrl });
export const slideshowMedia = z.looseObject({
  type: z.literal("slideshow"),
  urls: slideUrls,
});
export const media = z.discriminatedUnion("type", [videoMedia, slideshowMedia]);

// seed-data-structures.txt "TikTok Settings". The boolean toggles are named in the description rather
// than as eight schema properties (tools/list is paid for on every turn); they are still type-checked.
export const TIKTOK_TOGGLES = [
  "disable_comment",
  "disable_duet",
  "disable_stitch",
  "user_consent",
  "is_commercial",
  "is_your_brand",
  "is_branded_content",
  "auto_add_music",
] as const;

export const tiktokSettings = z
  .looseObject({
    title: z.string().max(150).optional(),
    description: z.string().max(4000).optional(),
    post_mode: z.enum(["DIRECT_POST", "MEDIA_UPLOAD"]).optional(),
    privacy_level: z
      .enum(["PUBLIC_TO_EVERYONE", "MUTUAL_FOLLOW_FRIENDS", "FOLLOWER_OF_CREATOR", "SELF_ONLY"])
      .optional(),
    video_cover_timestamp_ms: z.number().int().min(0).optional(),
  })
  .superRefine((value, ctx) => {
    for (const key of TIKTOK_TOGGLES) {
      const toggle = (value as Record<string, unknown>)[key];
      if (toggle !== undefined && typeof toggle !== "boolean") {
        ctx.addIssue({ code: "invalid_type", expected: "boolean", input: toggle, path: [key] });
      }
    }
  })
  .describe(`TikTok BYO targets only. Also booleans: ${TIKTOK_TOGGLES.join(", ")}.`);

// seed-data-structures.txt "Pinterest Settings"; seed-create-post.txt Platform Matrix (title 100, link 2,048).
export const pinterestSettings = z.looseObject({
  board_id: z.string().min(1).max(128).optional(),
  title: z.string().max(100).optional(),
  link: httpUrl.optional(),
  tags: z.array(z.string().min(1).max(100)).max(30).optional(),
});

// create-post-latest.txt: settings.<provider> for x, instagram, facebook, linkedin, bluesky, youtube;
// seed-update-post.txt: unknown provider keys fail closed (422), so the object is strict.
const providerBlock = z.looseObject({});
export const providerSettings = z.strictObject({
  x: providerBlock.optional(),
  instagram: providerBlock.optional(),
  facebook: providerBlock.optional(),
  linkedin: providerBlock.optional(),
  bluesky: providerBlock.optional(),
  youtube: z.looseObject({ title: z.string().max(100).optional() }).optional(),
});

export const accountRefs = z
  .array(z.strictObject({ id: z.string().min(1).max(128) }))
  .min(1)
  .max(10);

// create-post-latest.txt: "ISO 8601 datetime with timezone offset".
export const isoWithOffset = isoDateTimeWithZone;

export const externalId = z.string().min(1).max(128);

// seed-create-post.txt "Body Parameters" + create-post-latest.txt (media optional for text-only).
export const createPostBody = z.strictObject({
  caption: z.string().min(1).max(63206),
  media: media.nullable().optional(),
  accounts: accountRefs,
  scheduled_at: isoWithOffset.optional(),
  external_id: externalId.optional(),
  music_url: httpUrl.optional(),
  tiktok: tiktokSettings.optional(),
  pinterest: pinterestSettings.optional(),
  settings: providerSettings.optional(),
});
export type CreatePostBody = z.infer<typeof createPostBody>;

// seed-update-post.txt "Body Parameters": every field optional; null clears media/tiktok/pinterest/music/schedule.
export const updatePostFields = {
  caption: z.string().min(1).max(63206).optional(),
  media: media.nullable().optional(),
  accounts: accountRefs.optional(),
  scheduled_at: isoWithOffset.nullable().optional(),
  external_id: externalId.optional(),
  music_url: httpUrl.nullable().optional(),
  tiktok: tiktokSettings.nullable().optional(),
  pinterest: pinterestSettings.nullable().optional(),
  settings: providerSettings.optional(),
};
export const updatePostBody = z.strictObject(updatePostFields);
export type UpdatePostBody = z.infer<typeof updatePostBody>;

// seed-list-posts.txt "Query Parameters".
export const postStatusFilter = z.enum([
  "draft",
  "pending",
  "scheduled",
  "posted",
  "failed",
  "partial",
  "retry",
]);
export const listPostsQuery = z.strictObject({
  status: postStatusFilter.optional(),
  limit: z.number().int().optional(),
  // "ISO timestamp": a date-time with a zone, or a plain date.
  since: isoDateTimeOrDate.optional(),
  until: isoDateTimeOrDate.optional(),
});
export type ListPostsQuery = z.infer<typeof listPostsQuery>;

/** Post ids go into URL paths: no slashes, dots-only or control characters can reach one. */
export const postId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, "must be a post id from schedule_post or list_posts (letters, digits, - and _)");
