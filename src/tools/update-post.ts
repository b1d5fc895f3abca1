import { z } from "zod";
import type { CandidateMedia } from "../preflight/candidate.js";
import { inspectCandidateMedia, mergeResults } from "../preflight/inspect-candidate.js";
import { preflightUpdate, targetIdsOf } from "../preflight/preflight.js";
import type { Violation } from "../preflight/violation.js";
import { apiWarning } from "../schemas/api-data.js";
import { postId, updatePostFields } from "../schemas/post-input.js";
import { NESTED_POST_FIELDS, toShallowInputJsonSchema } from "./json-schema.js";
import { accountsForPreflight, withWarnings } from "./preflight-accounts.js";
import { defineTool, refuse, succeed } from "./tool.js";
import { withLocalWarnings } from "./warnings.js";

const updatePostInput = z.strictObject({ post_id: postId, ...updatePostFields });

export const updatePostTool = defineTool({
  name: "update_post",
  description:
    "Edit a draft, pending, scheduled, retry or failed post: post_id plus only the fields to change, shaped as in schedule_post. accounts replaces the whole target list; null clears media (text-only), music_url, tiktok, pinterest, or scheduled_at (publish now). external_id cannot change. Checked against every rule first.",
  annotations: {
    title: "Update post",
    readOnlyHint: false,
    destructiveHint: true,
    // The same patch applied twice leaves the post as once.
    idempotentHint: true,
    openWorldHint: true,
  },
  input: updatePostInput,
  publishedInput: toShallowInputJsonSchema(updatePostInput, NESTED_POST_FIELDS),
  output: z.object({
    id: z.string(),
    status: z.string(),
    scheduled_at: z.string().nullable(),
    warnings: z.array(apiWarning),
  }),
  async run({ post_id, ...patch }, { provider, accounts, signal, now, checkMedia }) {
    if (Object.keys(patch).length === 0) {
      const violation: Violation = {
        code: "empty_update",
        field: "(arguments)",
        message: "no field to change was given besides post_id",
        hint: "Add at least one of caption, media, accounts, scheduled_at, music_url, tiktok, pinterest, settings.",
      };
      return refuse([violation]);
    }
    // Validate the post as it would be after the patch: its status, its (new) targets, every rule.
    const post = await provider.getPost(post_id, { signal });
    const ids = patch.accounts ? patch.accounts.map((a) => a.id) : targetIdsOf(post);
    const known = await accountsForPreflight(accounts, ids, signal);
    let checked = withWarnings(preflightUpdate(post, patch, known.accounts, now()), known.warnings);
    if (checkMedia && patch.media && checked.violations.length === 0) {
      checked = mergeResults(checked, await inspectCandidateMedia(patch.media as CandidateMedia, signal));
    }
    if (checked.violations.length) return refuse(checked.violations, checked.warnings);
    const updated = await provider.updatePost(post_id, patch, { signal });
    return succeed({
      id: updated.id,
      status: updated.status,
      scheduled_at: updated.scheduled_at ?? null,
      warnings: withLocalWarnings(updated.warnings, checked.warnings),
    });
  },
  render(r) {
    const warnings = r.warnings
      .map((w) => `\n- warning${w.field ? ` (${w.field})` : ""}: ${w.message}`)
      .join("");
    return `Updated post ${r.id}: ${r.status}${r.scheduled_at ? `, scheduled_at ${r.scheduled_at}` : ""}.${warnings}`;
  },
});
