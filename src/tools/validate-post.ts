import { z } from "zod";
import type { CandidateMedia } from "../preflight/candidate.js";
import { inspectCandidateMedia, mergeResults } from "../preflight/inspect-candidate.js";
import { preflightCreate, preflightUpdate, targetIdsOf } from "../preflight/preflight.js";
import { violationsFromIssues } from "../preflight/schema-issues.js";
import { renderViolation, renderViolations, violationSchema } from "../preflight/violation.js";
import { createPostBody, postId, updatePostFields } from "../schemas/post-input.js";
import { NESTED_POST_FIELDS, toShallowInputJsonSchema } from "./json-schema.js";
import { accountsForPreflight, withWarnings } from "./preflight-accounts.js";
import { defineTool, succeed } from "./tool.js";

const validatePostInput = z.strictObject({
  post_id: postId.optional(),
  ...updatePostFields,
  // Opt-in: HEAD and small Range reads of the media URLs (reachable, type, size, duration, aspect).
  check_media: z.boolean().optional(),
});

export const validatePostTool = defineTool({
  name: "validate_post",
  description:
    "Check a post against every documented rule without sending it: the arguments of schedule_post, or post_id plus the fields of update_post. check_media: true also fetches media headers (reachable, type, size, 15–60 s duration). Answers ok, violations (field, rule, limit, actual, fix) and warnings.",
  annotations: {
    title: "Validate post",
    readOnlyHint: true,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  },
  input: validatePostInput,
  publishedInput: toShallowInputJsonSchema(validatePostInput, NESTED_POST_FIELDS),
  output: z.object({
    ok: z.boolean(),
    violations: z.array(violationSchema),
    warnings: z.array(violationSchema),
  }),
  async run({ post_id, check_media, ...fields }, { provider, accounts, signal, now, checkMedia }) {
    const inspect = check_media ?? checkMedia;
    if (post_id === undefined) {
      // Create mode: the same schema as schedule_post, so missing caption/accounts are named too.
      const body = createPostBody.safeParse(fields);
      if (!body.success) {
        return succeed({
          ok: false,
          violations: violationsFromIssues(body.error.issues, fields),
          warnings: [],
        });
      }
      const known = await accountsForPreflight(
        accounts,
        body.data.accounts.map((a) => a.id),
        signal,
      );
      let checked = withWarnings(preflightCreate(body.data, known.accounts, now()), known.warnings);
      if (inspect) {
        checked = mergeResults(
          checked,
          await inspectCandidateMedia(body.data.media as CandidateMedia | null | undefined, signal),
        );
      }
      return succeed({ ok: checked.violations.length === 0, ...checked });
    }
    if (Object.keys(fields).length === 0) {
      return succeed({
        ok: false,
        violations: [
          {
            code: "empty_update",
            field: "(arguments)",
            message: "no field to change was given besides post_id",
            hint: "Add the fields update_post would change.",
          },
        ],
        warnings: [],
      });
    }
    const post = await provider.getPost(post_id, { signal });
    const ids = fields.accounts ? fields.accounts.map((a) => a.id) : targetIdsOf(post);
    const known = await accountsForPreflight(accounts, ids, signal);
    let checked = withWarnings(preflightUpdate(post, fields, known.accounts, now()), known.warnings);
    if (inspect && fields.media) {
      checked = mergeResults(checked, await inspectCandidateMedia(fields.media as CandidateMedia, signal));
    }
    return succeed({ ok: checked.violations.length === 0, ...checked });
  },
  render({ ok, violations, warnings }) {
    if (!ok) return renderViolations(violations, warnings, "Would be refused");
    const head = "Valid: every documented rule passes; nothing was sent.";
    return warnings.length
      ? [head, "Warnings (not blocking):", ...warnings.map(renderViolation)].join("\n")
      : head;
  },
});
