// music_url, tiktok, pinterest and settings: each only for the platforms it belongs to
// (seed-create-post.txt "Body Parameters" and "Limits"; create-post-latest.txt "Provider settings").
import type { Account } from "../schemas/api-data.js";
import { type Check, listLabels, platformName } from "./candidate.js";
import { LIMITS } from "./rules.js";
import type { Violation } from "./violation.js";

/** A TikTok post: https://www.tiktok.com/@user/video/123, …/photo/123, or a vm./vt. short link. */
export function isTiktokPostUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return false;
  const host = url.hostname.toLowerCase();
  if (host === "vm.tiktok.com" || host === "vt.tiktok.com") return /^\/[A-Za-z0-9]+\/?$/.test(url.pathname);
  if (host !== "tiktok.com" && !host.endsWith(".tiktok.com")) return false;
  return (
    /^\/@[^/]+\/(video|photo)\/\d+\/?$/.test(url.pathname) || /^\/v\/\d+(\.html)?\/?$/.test(url.pathname)
  );
}

export const checkMusic: Check = ({ candidate, targets }) => {
  const music = candidate.music_url;
  if (typeof music !== "string") return [];
  const out: Violation[] = [];
  if (!isTiktokPostUrl(music)) {
    out.push({
      code: "music_url_format",
      field: "music_url",
      message: "`music_url` must be a TikTok post URL",
      limit: "https://www.tiktok.com/@user/video/<id>",
      actual: music.length > 80 ? `${music.slice(0, 80)}…` : music,
      hint: "Use the link of a TikTok post whose sound you want, e.g. https://www.tiktok.com/@creator/video/1234567890.",
    });
  }
  const others = targets.filter((a) => a.platform !== "tiktok");
  if (others.length) {
    const instagram = others.some((a) => a.platform === "instagram");
    out.push({
      code: "music_tiktok_only",
      field: "music_url",
      message: `\`music_url\` is TikTok-only, and ${listLabels(others)} ${others.length === 1 ? "is" : "are"} not TikTok${instagram ? " (Instagram's publishing API cannot set music on Reels or carousels)" : ""}`,
      actual: [...new Set(others.map((a) => platformName(a.platform)))].join(", "),
      hint: "Remove music_url, or post to the TikTok accounts in a separate schedule_post call with music_url.",
    });
  }
  return out;
};

const isByoTiktok = (a: Account) => a.platform === "tiktok" && a.type === "byo";

export const checkTiktok: Check = ({ candidate, targets }) => {
  const tiktok = candidate.tiktok;
  if (!tiktok) return [];
  const out: Violation[] = [];
  const others = targets.filter((a) => !isByoTiktok(a));
  if (others.length) {
    out.push({
      code: "tiktok_targets",
      field: "tiktok",
      message: `\`tiktok\` settings need every target to be a TikTok BYO account; ${listLabels(others)} ${others.length === 1 ? "is" : "are"} not`,
      actual: listLabels(others),
      hint: "Remove the tiktok object, or send it in a separate call that targets only TikTok BYO accounts.",
    });
  }
  const mediaType = candidate.media?.type;
  const postMode = tiktok.post_mode;
  if (postMode === "MEDIA_UPLOAD" && mediaType !== "slideshow") {
    out.push({
      code: "tiktok_media_upload",
      field: "tiktok.post_mode",
      message: `\`tiktok.post_mode\` MEDIA_UPLOAD works only with a slideshow, and this post is ${mediaType ? `a ${mediaType}` : "text-only"}`,
      limit: "slideshow",
      actual: mediaType ?? "text_only",
      hint: "Use post_mode DIRECT_POST for a video, or send the images as a slideshow.",
    });
  }
  if (tiktok.video_cover_timestamp_ms !== undefined && tiktok.video_cover_timestamp_ms !== null) {
    if (mediaType !== "video" || postMode === "MEDIA_UPLOAD") {
      out.push({
        code: "tiktok_cover",
        field: "tiktok.video_cover_timestamp_ms",
        message: "`tiktok.video_cover_timestamp_ms` applies only to a video posted with DIRECT_POST",
        actual: mediaType === "video" ? "video with MEDIA_UPLOAD" : (mediaType ?? "text_only"),
        hint: "Remove video_cover_timestamp_ms, or post a video with post_mode DIRECT_POST.",
      });
    }
  }
  if (
    mediaType === "slideshow" &&
    typeof tiktok.title === "string" &&
    tiktok.title.length > LIMITS.tiktokPhotoTitleMax
  ) {
    out.push({
      code: "tiktok_title",
      field: "tiktok.title",
      message: `\`tiktok.title\` is ${tiktok.title.length} characters; TikTok photo posts take at most ${LIMITS.tiktokPhotoTitleMax}`,
      limit: LIMITS.tiktokPhotoTitleMax,
      actual: tiktok.title.length,
      hint: `Shorten the title to ${LIMITS.tiktokPhotoTitleMax} characters; the description can hold more.`,
    });
  }
  if (
    mediaType !== "slideshow" &&
    typeof tiktok.description === "string" &&
    tiktok.description.length > LIMITS.tiktokDescriptionVideo
  ) {
    out.push({
      code: "tiktok_description",
      field: "tiktok.description",
      message: `\`tiktok.description\` is ${tiktok.description.length} characters; for a video TikTok takes at most ${LIMITS.tiktokDescriptionVideo} (${LIMITS.tiktokDescriptionPhoto} for photo posts)`,
      limit: LIMITS.tiktokDescriptionVideo,
      actual: tiktok.description.length,
      hint: `Shorten the description to ${LIMITS.tiktokDescriptionVideo} characters.`,
    });
  }
  if (candidate.pinterest) {
    out.push({
      code: "platform_objects_exclusive",
      field: "tiktok",
      message:
        "`tiktok` and `pinterest` cannot be sent together: TikTok settings need only TikTok BYO targets, Pinterest settings need a Pinterest target",
      hint: "Split the post into two schedule_post calls: one for TikTok with tiktok, one for Pinterest with pinterest.",
    });
  }
  return out;
};

export const checkPinterest: Check = ({ candidate, targets }) => {
  if (!candidate.pinterest) return [];
  if (targets.length === 0 || targets.some((a) => a.platform === "pinterest")) return [];
  return [
    {
      code: "pinterest_targets",
      field: "pinterest",
      message: `\`pinterest\` settings need a Pinterest account among the targets, and none of ${listLabels(targets)} is`,
      hint: "Remove the pinterest object, or add a Pinterest account (list_accounts) to accounts.",
    },
  ];
};

const SETTINGS_PLATFORM: Record<string, string | undefined> = {
  instagram: "instagram",
  facebook: "facebook",
  linkedin: "linkedin",
  youtube: "youtube",
  // Genviral has no X or Bluesky accounts today (get-accounts.txt lists six platforms), so these can
  // never match a target; the API still names them as providers.
  x: "x",
  bluesky: "bluesky",
};

export const checkSettings: Check = ({ candidate, targets }) => {
  const settings = candidate.settings;
  if (!settings || targets.length === 0) return [];
  const platforms = new Set(targets.map((a) => a.platform));
  const out: Violation[] = [];
  for (const [provider, value] of Object.entries(settings)) {
    if (value === null || value === undefined) continue;
    const platform = SETTINGS_PLATFORM[provider];
    if (!platform || platforms.has(platform)) continue;
    out.push({
      code: "settings_untargeted",
      field: `settings.${provider}`,
      message: `\`settings.${provider}\` is for ${platformName(platform)}, which none of the targets is`,
      actual: [...platforms].map(platformName).join(", "),
      hint: `Remove settings.${provider}, or add a ${platformName(platform)} account to accounts.`,
    });
  }
  return out;
};
