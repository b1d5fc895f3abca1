/** Turns a requested scheduled_at into the stored status and timestamp, per the create/update docs. */
import { validationFailed } from "../envelope.js";
import { parseZonedDateTime } from "../iso-time.js";

const IMMEDIATE_WINDOW_MS = 30_000;
const MIN_LEAD_MS = 2 * 60_000;

export interface Schedule {
  status: "pending" | "scheduled";
  scheduledAt: string;
}

/** `requested` has already passed the schema check (ISO 8601 with a zone) or is undefined/null. */
export function resolveSchedule(requested: string | null | undefined, now: number): Schedule {
  // Immediate posts are stamped with the publish-ASAP time rather than null (newest docs).
  const asap: Schedule = { status: "pending", scheduledAt: new Date(now).toISOString() };
  if (requested === undefined || requested === null) return asap;
  const at = parseZonedDateTime(requested) ?? Number.NaN;
  const ahead = at - now;
  if (Math.abs(ahead) <= IMMEDIATE_WINDOW_MS) return asap;
  if (ahead < 0) throw validationFailed(`scheduled_at ${requested} is in the past`);
  if (ahead < MIN_LEAD_MS) {
    throw validationFailed(
      "scheduled_at must be at least 2 minutes in the future (or within 30 seconds of now)",
    );
  }
  // The requested string is stored verbatim, as the docs' examples echo it back unchanged.
  return { status: "scheduled", scheduledAt: requested };
}
