// Results carry the API's warnings, plus our own pre-flight warnings the API did not already give.
import type { Violation } from "../preflight/violation.js";

export interface ApiWarning {
  field?: string | undefined;
  code?: string | undefined;
  message: string;
  [key: string]: unknown;
}

export function withLocalWarnings(
  api: readonly ApiWarning[] | undefined,
  local: readonly Violation[],
): ApiWarning[] {
  const out: ApiWarning[] = [...(api ?? [])];
  const seen = new Set(out.map((w) => w.code));
  for (const w of local) {
    if (!seen.has(w.code)) out.push({ field: w.field, code: w.code, message: w.message });
  }
  return out;
}
