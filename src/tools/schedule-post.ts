import { randomUUID } from "node:crypto";
import { z } from "zod";
import type { CandidateMedia } from "../preflight/candidate.js";
import { inspectCandidateMedia, mergeResults } from "../preflight/inspect-candidate.js";
import { preflightCreate } from "../preflight/preflight.js";
import { apiWarning } from "../schemas/api-data.js";
import { createPostBody } from "../schemas/post-input.js";
import { accountsForPreflight, withWarnings } from "./preflight-accounts.js";
import { defineTool, refuse, succeed } from "./tool.js";
import { withLocalWarnings } from "./warnings.js";

/** One per tool call, reused by every retry of it, so a lost answer can never become two posts. */
export function generateExternalId(): string {
  return `genviral-mcp-${randomUUID()}`;
}

export const schedulePostTool = defineTool({
  name: "schedule_post",
  description:
    "Create a post on up to 10 accounts (ids from list_accounts): publish now (omit scheduled_at) or schedule it (ISO 8601 with offset, ≥2 min ahead). media is a video {type:'video',url} or a slideshow {type:'slideshow',urls} of 1–35 images. Pass external_id to make repeats safe: the same id and payload return the original post (duplicate: true); one is generated when omitted and returned.",
  annotations: {
    title: "Schedule post",
    readOnlyHint: false,
    destructiveHint: false,
    // With the same external_id a repeat returns the original post instead of a new one.
    idempotentHint: true,
    openWorldHint: true,
  },
  input: createPostBody,
  output: z.object({
    id: z.string(),
    status: z.string(),
    scheduled_at: z.string().nullable(),
    duplicate: z.boolean(),
    warnings: z.array(apiWarning),
    external_id: z.string(),
  }),
  async run(args, { provider, accounts, signal, now, checkMedia }) {
    const known = await accountsForPreflight(
      accounts,
      args.accounts.map((a) => a.id),
      signal,
    );
    let checked = withWarnings(preflightCreate(args, known.accounts, now()), known.warnings);
    if (checkMedia && checked.violations.length === 0) {
      checked = mergeResults(
        checked,
        await inspectCandidateMedia(args.media as CandidateMedia | null | undefined, signal),
      );
    }
    if (checked.violations.length) return refuse(checked.violations, checked.warnings);
    const external_id = args.external_id ?? generateExternalId();
    const created = await provider.createPost({ ...args, external_id }, { signal });
    return succeed({
      id: created.id,
      status: created.status,
      scheduled_at: created.scheduled_at ?? null,
      // With an external_id generated for this call, the API can only have seen it before from
      // this call's own retry (its first answer lost): the post is this call's, not an earlier one.
      duplicate: args.external_id === undefined ? false : (created.duplicate ?? false),
      warnings: withLocalWarnings(created.warnings, checked.warnings),
      external_id,
    });
  },
  render(r) {
    const when =
      r.status === "scheduled" ? `scheduled for ${r.scheduled_at}` : `${r.status} (publishing now)`;
    const head = r.duplicate
      ? `A post with external_id ${r.external_id} already existed (from an earlier call, or this call's own retry after a lost answer): returned it, ${r.id}, ${when}. Nothing was posted twice.`
      : `Created post ${r.id}, ${when}. external_id ${r.external_id} (reuse it to repeat this call safely).`;
    const warnings = r.warnings
      .map((w) => `\n- warning${w.field ? ` (${w.field})` : ""}: ${w.message}`)
      .join("");
    return head + warnings;
  },
});
