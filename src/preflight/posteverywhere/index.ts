// PostEverywhere's rule set for pre-flight: its checks, the shared rules that do not hold on it, and
// the per-platform limits it publishes to the shared checks through each account's capabilities.
import type { BackendRules } from "../preflight.js";
import {
  checkInstagramContentType,
  checkNoCounterpart,
  checkPatch,
  checkSettingsValues,
  checkTiktokTargeted,
  checkYoutubeTitle,
} from "./checks.js";
import { PE_EDITABLE_STATUSES, PE_PLATFORM_LIMITS, type PePlatform } from "./rules.js";

export const POSTEVERYWHERE_RULES: BackendRules = {
  // Genviral-only rules: replaced by no_counterpart / tiktok_untargeted, or limits of Genviral's own
  // pipeline (the 15–60 s video window) that PostEverywhere does not document.
  skip: new Set([
    "music_url_format",
    "music_tiktok_only",
    "tiktok_targets",
    "tiktok_media_upload",
    "tiktok_cover",
    "tiktok_title",
    "pinterest_targets",
    "pinterest_fields",
    "pinterest_description",
    "platform_objects_exclusive",
    "video_duration",
    "VIDEO_DURATION_MISSING",
  ]),
  checks: [
    checkNoCounterpart,
    checkTiktokTargeted,
    checkSettingsValues,
    checkYoutubeTitle,
    checkInstagramContentType,
  ],
  patchChecks: checkPatch,
  editableStatuses: PE_EDITABLE_STATUSES,
};

/** What the shared checks read from an account (get-accounts.txt "capabilities"), per platform. */
export function capabilitiesFor(platform: string): Record<string, unknown> | undefined {
  const limits = PE_PLATFORM_LIMITS[platform as PePlatform];
  if (!limits) return undefined;
  return {
    supported_content_kinds: [...limits.kinds],
    caption_limit: limits.captionLimit,
    ...(limits.maxImages === undefined ? {} : { media_limits: { max_slides: limits.maxImages } }),
  };
}

export { PE_RULES } from "./rules.js";
