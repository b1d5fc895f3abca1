// Pre-flight: every documented rule checked before anything is sent, all violations at once.
// Pure: it receives the accounts (from GET /accounts) and, for an update, the stored post.
import type { Account, Post } from "../schemas/api-data.js";
import type { CreatePostBody, UpdatePostBody } from "../schemas/post-input.js";
import type { Candidate, CandidateMedia, CheckContext, JsonRecord, PreflightResult } from "./candidate.js";
import { resolveTargets } from "./check-accounts.js";
import { checkCaption } from "./check-caption.js";
import { checkContentKind, checkMedia, mediaWarnings } from "./check-media.js";
import { checkMusic, checkPinterest, checkSettings, checkTiktok } from "./check-platform-objects.js";
import { checkScheduledAt } from "./check-schedule.js";
import { EDITABLE_STATUSES } from "./rules.js";
import type { Violation } from "./violation.js";

/** The checks that look at the post and its targets, in the order their violations are listed. */
const POST_CHECKS = [
  checkContentKind,
  checkMedia,
  checkCaption,
  checkMusic,
  checkTiktok,
  checkPinterest,
  checkSettings,
];

function runPostChecks(context: CheckContext): PreflightResult {
  return {
    violations: POST_CHECKS.flatMap((check) => check(context)),
    warnings: mediaWarnings(context),
  };
}

export function preflightCreate(
  body: CreatePostBody,
  accounts: readonly Account[],
  now: number,
): PreflightResult {
  const resolved = resolveTargets(
    body.accounts.map((a) => a.id),
    accounts,
  );
  const candidate: Candidate = {
    caption: body.caption,
    media: body.media as CandidateMedia | null | undefined,
    music_url: body.music_url,
    tiktok: body.tiktok,
    pinterest: body.pinterest,
    settings: body.settings,
  };
  const checked = runPostChecks({ candidate, targets: resolved.targets });
  return {
    violations: [...resolved.violations, ...checked.violations, ...checkScheduledAt(body.scheduled_at, now)],
    warnings: [...resolved.warnings, ...checked.warnings],
  };
}

/** The ids a stored post targets. */
export function targetIdsOf(post: Post): string[] {
  return (post.accounts?.states ?? []).map((s) => s.account_id);
}

function pick<T>(patch: UpdatePostBody, key: keyof UpdatePostBody, stored: T): T {
  return Object.hasOwn(patch, key) ? (patch[key] as T) : stored;
}

/** The post as it would be after the patch: each field from the patch when present, else as stored. */
export function applyPatch(post: Post, patch: UpdatePostBody): Candidate {
  const storedSettings = (post as JsonRecord).settings as JsonRecord | null | undefined;
  // seed-update-post.txt: partial settings.<provider> patches merge with stored values.
  const settings = patch.settings ? { ...(storedSettings ?? {}), ...patch.settings } : storedSettings;
  return {
    caption: pick(patch, "caption", post.caption),
    media: pick(patch, "media", post.media as CandidateMedia | null | undefined),
    music_url: pick(patch, "music_url", post.music_url),
    tiktok: pick(patch, "tiktok", post.tiktok as JsonRecord | null | undefined),
    pinterest: pick(patch, "pinterest", post.pinterest as JsonRecord | null | undefined),
    settings,
  };
}

export function preflightUpdate(
  post: Post,
  patch: UpdatePostBody,
  accounts: readonly Account[],
  now: number,
): PreflightResult {
  const violations: Violation[] = [];
  if (!(EDITABLE_STATUSES as readonly string[]).includes(post.status)) {
    violations.push({
      code: "post_not_editable",
      field: "post_id",
      message: `post ${post.id} is ${post.status}; only draft, pending, scheduled, retry or failed posts can be edited`,
      limit: EDITABLE_STATUSES.join("/"),
      actual: post.status,
      hint:
        post.status === "posted" || post.status === "partial"
          ? "Published posts cannot change; create a new post with schedule_post instead."
          : "Create a new post with schedule_post instead.",
    });
  }
  if (patch.external_id !== undefined) {
    const stored = (post as JsonRecord).external_id;
    if (stored !== patch.external_id) {
      violations.push({
        code: "external_id_immutable",
        field: "external_id",
        message: `\`external_id\` cannot change after the post was created${typeof stored === "string" ? ` (it is "${stored}")` : ""}`,
        ...(typeof stored === "string" ? { limit: stored } : {}),
        actual: patch.external_id,
        hint: "Leave external_id out of update_post.",
      });
    }
  }
  const ids = patch.accounts ? patch.accounts.map((a) => a.id) : targetIdsOf(post);
  const resolved = resolveTargets(ids, accounts);
  // A stored target GET /accounts no longer lists is left to the API to judge; ids the update itself
  // names must be known.
  const accountViolations = patch.accounts
    ? resolved.violations
    : resolved.violations.filter((v) => v.code !== "unknown_account");
  const checked = runPostChecks({ candidate: applyPatch(post, patch), targets: resolved.targets });
  return {
    violations: [
      ...violations,
      ...accountViolations,
      ...checked.violations,
      ...checkScheduledAt(patch.scheduled_at, now),
    ],
    warnings: [...resolved.warnings, ...checked.warnings],
  };
}
