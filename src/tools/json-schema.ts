// zod → the JSON Schema that tools/list publishes, built once at start-up and kept small: every
// token of a tool list is paid on every turn of every conversation.
import { z } from "zod";
import { violationSchema } from "../preflight/violation.js";

export type JsonObject = Record<string, unknown>;

/** Drops what adds tokens but no meaning: `$schema`, empty `additionalProperties: {}`, and the long
 *  regex zod adds beside `format: date-time`. */
function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (node === null || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === "$schema") continue;
    if (
      key === "additionalProperties" &&
      value &&
      typeof value === "object" &&
      Object.keys(value).length === 0
    ) {
      continue;
    }
    if (key === "pattern" && (node as JsonObject).format !== undefined) continue;
    out[key] = compact(value);
  }
  return out;
}

export function toInputJsonSchema(schema: z.ZodType): JsonObject {
  return compact(z.toJSONSchema(schema, { io: "input", unrepresentable: "any" })) as JsonObject;
}

/** What every refused or failed call puts in structuredContent. */
export const toolFailure = z.object({
  ok: z.literal(false),
  violations: z.array(violationSchema).optional(),
  warnings: z.array(z.looseObject({})).optional(),
  error: z.looseObject({}).optional(),
});

/** MCP wants an object at the root; a result is either the tool's own shape or a failure. */
export function toOutputJsonSchema(success: z.ZodType): JsonObject {
  const successSchema = compact(
    z.toJSONSchema(success, { io: "output", unrepresentable: "any" }),
  ) as JsonObject;
  const failureSchema = compact(z.toJSONSchema(toolFailure, { io: "output" })) as JsonObject;
  return { type: "object", anyOf: [successSchema, failureSchema] };
}
