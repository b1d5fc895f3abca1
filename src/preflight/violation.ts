// The shape every refusal takes (design.md "Shapes worth agreeing on early").
import { z } from "zod";

export interface Violation {
  /** Machine-readable rule name, e.g. "too_long" or "unknown_field". */
  code: string;
  /** Path of the offending field, e.g. "caption" or "media.urls[3]". */
  field: string;
  /** Reads well alone. */
  message: string;
  limit?: number | string;
  actual?: number | string;
  /** What to change. */
  hint: string;
}

export const violationSchema = z.object({
  code: z.string(),
  field: z.string(),
  message: z.string(),
  limit: z.union([z.number(), z.string()]).optional(),
  actual: z.union([z.number(), z.string()]).optional(),
  hint: z.string(),
});

/** Renders a path array as `media.urls[3]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || "(arguments)";
}

/** One line: field, rule, limit vs actual, the fix. */
export function renderViolation(v: Violation): string {
  const numbers =
    v.limit !== undefined || v.actual !== undefined
      ? ` (limit ${v.limit ?? "—"}, actual ${v.actual ?? "—"})`
      : "";
  return `- ${v.field} [${v.code}]: ${v.message}${numbers}. Fix: ${v.hint}`;
}

/** One line per violation, then the warnings. */
export function renderViolations(
  violations: readonly Violation[],
  warnings: readonly Violation[] = [],
  headline = "Refused before sending anything to the API",
): string {
  const count = violations.length === 1 ? "1 problem" : `${violations.length} problems`;
  const parts = [`${headline} — ${count}:`, ...violations.map(renderViolation)];
  if (warnings.length) parts.push("Warnings (not blocking):", ...warnings.map(renderViolation));
  return parts.join("\n");
}
