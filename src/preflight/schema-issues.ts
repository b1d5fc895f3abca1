// Turns zod's issues into Violations that say which field broke which rule, the limit, the actual
// value and what to do. The schemas are the first layer of pre-flight.
import type { z } from "zod";
import { formatPath, type Violation } from "./violation.js";

type Issue = z.core.$ZodIssue;

const MAX_SHOWN = 60;

/** A short, safe rendering of a value for messages: long strings become their length. */
export function describeValue(value: unknown): string {
  if (value === undefined) return "nothing";
  if (value === null) return "null";
  if (typeof value === "string") {
    return value.length > MAX_SHOWN ? `a string of ${value.length} characters` : JSON.stringify(value);
  }
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === "object") return "an object";
  return String(value);
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = root;
  for (const key of path) {
    if (current === null || typeof current !== "object") return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function unitFor(origin: string): string {
  if (origin === "string") return "characters";
  if (origin === "array" || origin === "set") return "items";
  return "";
}

function issueToViolation(issue: Issue, input: unknown): Violation {
  const field = formatPath(issue.path);
  const actualValue = valueAt(input, issue.path);
  switch (issue.code) {
    case "invalid_type": {
      if (actualValue === undefined) {
        return {
          code: "required",
          field,
          message: `\`${field}\` is required`,
          hint: `Add \`${field}\` (${issue.expected}).`,
        };
      }
      return {
        code: "wrong_type",
        field,
        message: `\`${field}\` must be ${issue.expected === "array" ? "an array" : `a ${issue.expected}`}, got ${typeName(actualValue)}`,
        limit: issue.expected,
        actual: typeName(actualValue),
        hint: `Send \`${field}\` as ${issue.expected === "array" ? "an array" : `a ${issue.expected}`}.`,
      };
    }
    case "too_big":
    case "too_small": {
      const big = issue.code === "too_big";
      const unit = unitFor(issue.origin);
      const limit = Number(issue.code === "too_big" ? issue.maximum : issue.minimum);
      const actual =
        typeof actualValue === "string" || Array.isArray(actualValue)
          ? actualValue.length
          : typeof actualValue === "number"
            ? actualValue
            : undefined;
      const what = unit ? `${big ? "at most" : "at least"} ${limit} ${unit}` : `${big ? "≤" : "≥"} ${limit}`;
      return {
        code: big ? "too_long" : "too_short",
        field,
        message:
          unit === "items"
            ? `\`${field}\` has ${actual} items; it takes ${what}`
            : unit === "characters"
              ? `\`${field}\` is ${actual} characters; it takes ${what}`
              : `\`${field}\` is ${actual}; it must be ${what}`,
        limit,
        ...(actual === undefined ? {} : { actual }),
        hint:
          unit === "items"
            ? `${big ? "Remove" : "Add"} items so \`${field}\` has ${what}.`
            : unit === "characters"
              ? big
                ? `Shorten \`${field}\` to ${what}.`
                : limit === 1
                  ? `Give \`${field}\` a non-empty value.`
                  : `Lengthen \`${field}\` to ${what}.`
              : `Use a value ${what}.`,
      };
    }
    case "invalid_value": {
      const allowed = issue.values.map((v) => JSON.stringify(v)).join(", ");
      return {
        code: "not_allowed",
        field,
        message: `\`${field}\` must be ${issue.values.length === 1 ? allowed : `one of ${allowed}`}, got ${describeValue(actualValue)}`,
        limit: allowed,
        actual: describeValue(actualValue),
        hint: `Use ${issue.values.length === 1 ? allowed : `one of ${allowed}`}.`,
      };
    }
    case "invalid_format": {
      const datetime = issue.format === "datetime";
      return {
        code: "bad_format",
        field,
        message: datetime
          ? `\`${field}\` must be an ISO 8601 date-time with a timezone${field === "since" || field === "until" ? " (or a date)" : ""}, got ${describeValue(actualValue)}`
          : `\`${field}\` ${issue.message}, got ${describeValue(actualValue)}`,
        actual: describeValue(actualValue),
        hint: datetime
          ? `Use a value such as 2026-05-21T15:00:00Z or 2026-05-21T17:00:00+02:00.`
          : `Correct \`${field}\`.`,
      };
    }
    case "unrecognized_keys": {
      const keys = issue.keys;
      const at = issue.path.length ? `${field}.` : "";
      const platformKey = keys.find((k) => k === "tiktok" || k === "pinterest");
      if (field === "settings" && platformKey) {
        // create-post-latest.txt: TikTok and Pinterest settings go top level, not under settings.
        return {
          code: "settings_provider",
          field: `settings.${platformKey}`,
          message: `\`settings.${platformKey}\` is not accepted: ${platformKey} settings go in the top-level \`${platformKey}\` object`,
          actual: keys.join(", "),
          hint: `Move the fields to top-level \`${platformKey}\` (e.g. {"${platformKey}": {...}}).`,
        };
      }
      return {
        code: "unknown_field",
        field: keys.length === 1 ? `${at}${keys[0]}` : field,
        message: `unknown field${keys.length > 1 ? "s" : ""} ${keys.map((k) => `\`${at}${k}\``).join(", ")}`,
        actual: keys.join(", "),
        hint: "Remove it; the tool's input schema lists the accepted fields (the API's own names).",
      };
    }
    case "invalid_union": {
      if (!issue.path.includes("media")) {
        // since/until: a date-time or a date.
        return {
          code: "bad_format",
          field,
          message: `\`${field}\` must be an ISO 8601 date-time with a timezone or a date, got ${describeValue(actualValue)}`,
          actual: describeValue(actualValue),
          hint: "Use a value such as 2026-05-21T15:00:00Z or 2026-05-21.",
        };
      }
      // A media object whose `type` is neither video nor slideshow: name the two accepted shapes.
      const mediaPath = issue.path.slice(0, issue.path.indexOf("media") + 1);
      const media = valueAt(input, mediaPath) as { type?: unknown } | undefined;
      const mediaField = formatPath(mediaPath);
      return {
        code: "wrong_shape",
        field: mediaField,
        message: `\`${mediaField}\` must be {"type":"video","url":"https://…"} or {"type":"slideshow","urls":["https://…"]}, got ${media && typeof media === "object" ? `type ${describeValue(media.type)}` : describeValue(media)}`,
        actual: describeValue(media && typeof media === "object" ? media.type : media),
        hint: `Send \`${mediaField}\` as a video object with url, or a slideshow object with urls (1–35), or null for text-only.`,
      };
    }
    default:
      return {
        code: issue.code,
        field,
        message: `\`${field}\`: ${issue.message}`,
        hint: `Correct \`${field}\`.`,
      };
  }
}

export function violationsFromIssues(issues: readonly Issue[], input: unknown): Violation[] {
  return issues.map((issue) => issueToViolation(issue, input));
}
