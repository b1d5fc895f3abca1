// PostEverywhere's own checks: what its platforms need (YouTube title, Instagram content types,
// settings values) and what it cannot carry (refused with the reason, never dropped). Pure.
import type { Post } from "../../schemas/api-data.js";
import type { UpdatePostBody } from "../../schemas/post-input.js";
import type { Check, JsonRecord } from "../candidate.js";
import type { Violation } from "../violation.js";
import { INSTAGRAM_CONTENT_TYPES, PE_LIMITS, PE_SETTINGS, TIKTOK_CARRIED } from "./rules.js";

const BACKEND = "PostEverywhere";

function noCounterpart(field: string, what: string, hint: string): Violation {
  return {
    code: "no_counterpart",
    field,
    message: `\`${field}\` has no counterpart on ${BACKEND}: ${what}`,
    hint,
  };
}

/** music_url, pinterest.*, and the tiktok fields platform_content.tiktok cannot hold. */
export const checkNoCounterpart: Check = ({ candidate }) => {
  const out: Violation[] = [];
  if (candidate.music_url != null) {
    out.push(
      noCounterpart(
        "music_url",
        "its create call takes no sound to attach",
        "Leave music_url out (add the sound in the TikTok app), or use the Genviral backend.",
      ),
    );
  }
  for (const key of Object.keys(candidate.pinterest ?? {})) {
    out.push(
      noCounterpart(
        `pinterest.${key}`,
        "its platform_content has no Pinterest settings (board, title, link, tags)",
        key === "tags"
          ? "Put the hashtags in the caption instead, or leave pinterest out."
          : "Leave pinterest out (PostEverywhere posts to the account's default board), or use the Genviral backend.",
      ),
    );
  }
  const tiktok = candidate.tiktok ?? {};
  for (const [key, value] of Object.entries(tiktok)) {
    if (value === undefined || (TIKTOK_CARRIED as readonly string[]).includes(key)) continue;
    out.push(
      noCounterpart(
        `tiktok.${key}`,
        "platform_content.tiktok takes only privacyLevel, allowComments, allowDuet, allowStitch and a caption override",
        `Leave tiktok.${key} out; tiktok takes privacy_level, disable_comment, disable_duet, disable_stitch and description here.`,
      ),
    );
  }
  if (tiktok.post_mode === "MEDIA_UPLOAD") {
    out.push(
      noCounterpart(
        "tiktok.post_mode",
        "it always publishes directly; there is no upload-to-inbox mode",
        'Use post_mode "DIRECT_POST" (or leave it out), or use the Genviral backend for MEDIA_UPLOAD.',
      ),
    );
  }
  const media = candidate.media as JsonRecord | null | undefined;
  for (const key of Object.keys(media ?? {})) {
    if (["type", "url", "urls", "duration_sec"].includes(key)) continue;
    out.push(
      noCounterpart(
        `media.${key}`,
        "media is sent as files (POST /media/upload-from-url) and nothing else",
        `Leave media.${key} out.`,
      ),
    );
  }
  return out;
};

/** The tiktok object goes to platform_content.tiktok, so it needs a TikTok target but not only TikTok ones. */
export const checkTiktokTargeted: Check = ({ candidate, targets }) => {
  if (!candidate.tiktok || targets.length === 0) return [];
  if (targets.some((a) => a.platform === "tiktok")) return [];
  return [
    {
      code: "tiktok_untargeted",
      field: "tiktok",
      message: "`tiktok` settings are given but no TikTok account is targeted",
      actual: [...new Set(targets.map((a) => a.platform))].join(", "),
      hint: "Remove tiktok, or add a TikTok account to accounts.",
    },
  ];
};

function checkValue(
  field: string,
  value: unknown,
  kind: readonly string[] | "string" | "number" | "tags",
): Violation | undefined {
  const bad = (rule: string, hint: string): Violation => ({
    code: "settings_value",
    field,
    message: `\`${field}\` ${rule}`,
    actual: typeof value === "string" || typeof value === "number" ? value : typeof value,
    ...(Array.isArray(kind) ? { limit: kind.join(" | ") } : {}),
    hint,
  });
  if (Array.isArray(kind)) {
    return kind.includes(value as string)
      ? undefined
      : bad(`must be one of ${kind.join(", ")}`, `Use one of ${kind.join(", ")}.`);
  }
  if (kind === "string") return typeof value === "string" ? undefined : bad("must be a string", "Send text.");
  if (kind === "number")
    return typeof value === "number" && value >= 0
      ? undefined
      : bad("must be a number ≥ 0", "Send seconds as a number.");
  return Array.isArray(value) && value.every((t) => typeof t === "string")
    ? undefined
    : bad("must be an array of strings", 'Send e.g. ["tips", "howto"].');
}

/** settings.<platform>: only the documented keys and values, which platform_content carries. */
export const checkSettingsValues: Check = ({ candidate }) => {
  const out: Violation[] = [];
  for (const [platform, block] of Object.entries(candidate.settings ?? {})) {
    if (!block || typeof block !== "object") continue;
    const allowed = PE_SETTINGS[platform] ?? {};
    for (const [key, value] of Object.entries(block as JsonRecord)) {
      const field = `settings.${platform}.${key}`;
      const kind = allowed[key];
      if (!kind) {
        const known = Object.keys(allowed);
        out.push(
          noCounterpart(
            field,
            `platform_content.${platform} takes ${known.length ? known.join(", ") : "no settings"}`,
            `Leave ${field} out${known.length ? `; use ${known.join(", ")}` : ""}.`,
          ),
        );
        continue;
      }
      const problem = checkValue(field, value, kind);
      if (problem) out.push(problem);
    }
  }
  const alt = (candidate.settings?.instagram as JsonRecord | undefined)?.altText;
  if (typeof alt === "string" && alt.length > PE_LIMITS.instagramAltTextMax) {
    out.push({
      code: "settings_value",
      field: "settings.instagram.altText",
      message: `\`settings.instagram.altText\` is ${alt.length} characters; Instagram takes at most ${PE_LIMITS.instagramAltTextMax}`,
      limit: PE_LIMITS.instagramAltTextMax,
      actual: alt.length,
      hint: `Shorten altText to at most ${PE_LIMITS.instagramAltTextMax} characters.`,
    });
  }
  return out;
};

/** PostEverywhere requires a title for YouTube (seed-create-post.txt); Genviral derives one instead. */
export const checkYoutubeTitle: Check = ({ candidate, targets }) => {
  if (!targets.some((a) => a.platform === "youtube")) return [];
  const title = (candidate.settings?.youtube as JsonRecord | undefined)?.title;
  if (typeof title === "string" && title.trim() !== "") return [];
  return [
    {
      code: "youtube_title_required",
      field: "settings.youtube.title",
      message: "a YouTube account is targeted, and PostEverywhere requires a video title",
      limit: PE_LIMITS.youtubeTitleMax,
      actual: "missing",
      hint: 'Add settings: { youtube: { title: "…" } } (at most 100 characters).',
    },
  ];
};

/** Reels need a video; a Story is one video or one image. */
export const checkInstagramContentType: Check = ({ candidate, targets }) => {
  const type = (candidate.settings?.instagram as JsonRecord | undefined)?.contentType;
  if (typeof type !== "string" || !(INSTAGRAM_CONTENT_TYPES as readonly string[]).includes(type)) return [];
  if (!targets.some((a) => a.platform === "instagram")) return [];
  const media = candidate.media;
  const field = "settings.instagram.contentType";
  if ((type === "Reels" || type === "Trial Reel") && media?.type !== "video") {
    return [
      {
        code: "instagram_content_type",
        field,
        message: `an Instagram ${type} needs a video, and this post has ${media ? "a slideshow" : "no media"}`,
        limit: "video",
        actual: media?.type ?? "none",
        hint: 'Send media {type:"video", url}, or use contentType "Post".',
      },
    ];
  }
  const count = media ? (media.type === "video" ? 1 : media.urls.length) : 0;
  if (type === "Story" && count !== 1) {
    return [
      {
        code: "instagram_content_type",
        field,
        message: `an Instagram Story is one video or one image; this post has ${count} media items`,
        limit: 1,
        actual: count,
        hint: "Send one video or a slideshow of one image, or use contentType Post.",
      },
    ];
  }
  return [];
};

/** PATCH /posts/{id} takes content, scheduled_for, account_ids and media_ids; nothing else can change. */
export function checkPatch(patch: UpdatePostBody, _post: Post): Violation[] {
  const out: Violation[] = [];
  for (const key of ["tiktok", "settings", "pinterest", "music_url"] as const) {
    if (patch[key] === undefined) continue;
    out.push({
      code: "update_no_counterpart",
      field: key,
      message: `\`${key}\` cannot change after creation on PostEverywhere: its PATCH /posts/{id} takes only content, scheduled_for, account_ids and media_ids`,
      hint: `Leave ${key} out of update_post; to change it, delete the post and schedule it again.`,
    });
  }
  if (patch.scheduled_at === null) {
    out.push({
      code: "update_no_counterpart",
      field: "scheduled_at",
      message: "`scheduled_at: null` (publish now) has no counterpart in PostEverywhere's PATCH /posts/{id}",
      hint: "Set scheduled_at to a time at least 2 minutes ahead, or delete the post and schedule it again without scheduled_at.",
    });
  }
  return out;
}
