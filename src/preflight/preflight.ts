// Pre-flight: every documented rule checked before anything is sent, all violations at once.
// Pure: it receives the accounts (from GET /accounts) and, for an update, the stored post.
import type { Account, Post } from "../schemas/api-data.js";
import type { CreatePostBody, UpdatePostBody } from "../schemas/post-input.js";
import type {
  Candidate,
  CandidateMedia,
  Check,
  CheckContext,
  JsonRecord,
  PreflightResult,
} from "./candidate.js";
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

/**
 * What a backend other than Genviral adds to (or takes from) the shared rules for its platforms. The
 * tools hand pre-flight only the body and the accounts, so the rules travel on the accounts: a
 * backend stamps each account it lists with its rule set under BACKEND_RULES. Accounts without the
 * stamp (Genviral's) get exactly the shared rules.
 */
export interface BackendRules {
  /** Codes of shared rules that do not hold on this backend; their violations and warnings are dropped. */
  skip: ReadonlySet<string>;
  /** Checks of the post as a whole, run after the shared ones. */
  checks: readonly Check[];
  /** Checks of an update's patch alone, e.g. fields the backend cannot change after creation. */
  patchChecks?: (patch: UpdatePostBody, post: Post) => Violation[];
  /** Statuses a stored post can be edited in; the shared EDITABLE_STATUSES when absent. */
  editableStatuses?: readonly string[];
}

export const BACKEND_RULES: unique symbol = Symbol.for("genviral-mcp.backend-rules");

/** The rule set the listed accounts carry, if any (every account of one backend carries the same). */
export function backendRulesOf(accounts: readonly Account[] | undefined): BackendRules | undefined {
  const first = accounts?.[0] as (Account & { [BACKEND_RULES]?: BackendRules }) | undefined;
  return first?.[BACKEND_RULES];
}

function runPostChecks(context: CheckContext, backend?: BackendRules): PreflightResult {
  const checks = backend ? [...POST_CHECKS, ...backend.checks] : POST_CHECKS;
  return {
    violations: checks.flatMap((check) => check(context)),
    warnings: mediaWarnings(context),
  };
}

/** Drops what the backend says does not hold on it; the shared result unchanged without a backend. */
function forBackend(result: PreflightResult, backend: BackendRules | undefined): PreflightResult {
  if (!backend) return result;
  const keep = (v: Violation) => !backend.skip.has(v.code);
  return { violations: result.violations.filter(keep), warnings: result.warnings.filter(keep) };
}

export function preflightCreate(
  body: CreatePostBody,
  accounts: readonly Account[] | undefined,
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
  const backend = backendRulesOf(accounts);
  const checked = runPostChecks({ candidate, targets: resolved.targets }, backend);
  return forBackend(
    {
      violations: [
        ...resolved.violations,
        ...checked.violations,
        ...checkScheduledAt(body.scheduled_at, now),
      ],
      warnings: [...resolved.warnings, ...checked.warnings],
    },
    backend,
  );
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
  accounts: readonly Account[] | undefined,
  now: number,
): PreflightResult {
  const violations: Violation[] = [];
  const backend = backendRulesOf(accounts);
  const editable: readonly string[] = backend?.editableStatuses ?? EDITABLE_STATUSES;
  if (!editable.includes(post.status)) {
    violations.push({
      code: "post_not_editable",
      field: "post_id",
      message: `post ${post.id} is ${post.status}; only ${orList(editable)} posts can be edited`,
      limit: editable.join("/"),
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
  const checked = runPostChecks({ candidate: applyPatch(post, patch), targets: resolved.targets }, backend);
  return forBackend(
    {
      violations: [
        ...violations,
        ...accountViolations,
        ...(backend?.patchChecks?.(patch, post) ?? []),
        ...checked.violations,
        ...checkScheduledAt(patch.scheduled_at, now),
      ],
      warnings: [...resolved.warnings, ...checked.warnings],
    },
    backend,
  );
}

/** "draft, pending, scheduled, retry or failed". */
function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
