// zod → the JSON Schema that tools/list publishes, built once at start-up and kept small: every
// token of a tool list is paid on every turn of every conversation.
import { z } from "zod";

export type JsonObject = Record<string, unknown>;

/** Longest string limit worth publishing: longer ones (captions, URLs) are checked by pre-flight and
 *  explained in its messages; the short ones (titles, ids) are what an agent needs to see. */
const MAX_PUBLISHED_LENGTH = 1000;

/**
 * Drops what adds tokens but little meaning for an agent: `$schema`, empty `additionalProperties: {}`
 * and `properties: {}`, regex `pattern`s (zod keeps enforcing them and the refusal explains), `minLength:
 * 1`, string limits above MAX_PUBLISHED_LENGTH, integer bounds that are only JavaScript's, and an anyOf
 * nested in an anyOf/oneOf.
 */
function compact(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(compact);
  if (node === null || typeof node !== "object") return node;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(node as JsonObject)) {
    if (key === "$schema" || key === "pattern") continue;
    if ((key === "additionalProperties" || key === "properties") && isEmptyObject(value)) continue;
    if (key === "minLength" && value === 1) continue;
    if (key === "maxLength" && typeof value === "number" && value > MAX_PUBLISHED_LENGTH) continue;
    if (
      (key === "maximum" || key === "minimum") &&
      typeof value === "number" &&
      Math.abs(value) >= Number.MAX_SAFE_INTEGER
    ) {
      continue;
    }
    if (key === "anyOf" && Array.isArray(value)) {
      const branches = value.flatMap((branch) => {
        const b = compact(branch) as JsonObject;
        const nested = (b.anyOf ?? b.oneOf) as unknown[] | undefined;
        return nested && Object.keys(b).length === 1 ? (nested as JsonObject[]) : [b];
      });
      // Not merged into `type: [..]`: single-type branches are what every client dialect reads
      // (the Inspector's schema-portability check flags type arrays).
      out.anyOf = branches;
      continue;
    }
    out[key] = compact(value);
  }
  return out;
}

function isEmptyObject(value: unknown): boolean {
  return (
    value !== null && typeof value === "object" && !Array.isArray(value) && Object.keys(value).length === 0
  );
}

/** The full input schema: what arguments are decoded against (JSON strings → objects). */
export function toFullInputJsonSchema(schema: z.ZodType): JsonObject {
  return z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as JsonObject;
}

/** The input schema tools/list publishes. */
export function toInputJsonSchema(schema: z.ZodType): JsonObject {
  return compact(toFullInputJsonSchema(schema)) as JsonObject;
}

/** The post fields whose shapes schedule_post publishes in full; other tools reference them. */
export const NESTED_POST_FIELDS = ["media", "accounts", "tiktok", "pinterest", "settings"] as const;

/**
 * The published input schema with the named object properties reduced to their JSON type: for a
 * tool whose fields repeat another tool's (update_post, validate_post take schedule_post's), the
 * shapes are already in the same tools/list once; zod still validates them in full.
 */
export function toShallowInputJsonSchema(schema: z.ZodType, shallow: readonly string[]): JsonObject {
  const published = toInputJsonSchema(schema);
  const properties = { ...(published.properties as Record<string, JsonObject>) };
  for (const key of shallow) {
    const property = properties[key];
    if (property) properties[key] = shallowType(property);
  }
  return { ...published, properties };
}

function typesOf(property: JsonObject): string[] {
  if (typeof property.type === "string") return [property.type];
  if (Array.isArray(property.type)) return property.type.filter((t): t is string => typeof t === "string");
  const variants = (property.anyOf ?? property.oneOf) as JsonObject[] | undefined;
  return [...new Set((variants ?? []).flatMap(typesOf))];
}

/** A property reduced to its JSON type(s): `{type}` or, when nullable, `anyOf` of single types. */
function shallowType(property: JsonObject): JsonObject {
  const types = typesOf(property);
  if (types.length === 0) return {};
  return types.length === 1 ? { type: types[0] } : { anyOf: types.map((type) => ({ type })) };
}

/**
 * The top level of a result: each field the tool returns that always has one JSON type. Deliberately
 * shallow, without `required`, and open to more fields: it names what an agent can read for a few
 * tokens (a tools/list is paid for on every turn). Nullable fields are left to the description and
 * README (a type union costs tokens and portability), and so is the failure shape that every tool
 * shares, `{ ok: false, violations | error }`, which the server's instructions state once.
 */
export function toOutputJsonSchema(success: z.ZodType): JsonObject {
  const full = z.toJSONSchema(success, { io: "output", unrepresentable: "any" }) as JsonObject;
  const properties: JsonObject = {};
  for (const [key, value] of Object.entries((full.properties ?? {}) as Record<string, JsonObject>)) {
    const types = typesOf(value);
    if (types.length === 1) properties[key] = { type: types[0] };
  }
  return { type: "object", properties };
}
