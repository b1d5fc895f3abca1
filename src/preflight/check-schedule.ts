// scheduled_at (create-post-latest.txt, seed-update-post.txt): omitted or within 30 s of now →
// publish now; otherwise at least 2 minutes ahead; never in the past.
import { LIMITS } from "./rules.js";
import type { Violation } from "./violation.js";

function human(seconds: number): string {
  const abs = Math.abs(Math.round(seconds));
  if (abs < 120) return `${abs} s`;
  if (abs < 7200) return `${Math.round(abs / 60)} min`;
  if (abs < 172800) return `${Math.round(abs / 3600)} h`;
  return `${Math.round(abs / 86400)} days`;
}

export function checkScheduledAt(scheduledAt: string | null | undefined, now: number): Violation[] {
  if (typeof scheduledAt !== "string") return [];
  const at = Date.parse(scheduledAt);
  if (Number.isNaN(at)) return []; // the schema already reported the format
  const deltaSeconds = (at - now) / 1000;
  if (Math.abs(deltaSeconds) <= LIMITS.immediateWindowSeconds) return [];
  const earliest = () =>
    new Date(now + LIMITS.scheduleLeadSeconds * 1000 + 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");
  if (deltaSeconds < 0) {
    return [
      {
        code: "scheduled_at_past",
        field: "scheduled_at",
        message: `\`scheduled_at\` ${scheduledAt} is ${human(deltaSeconds)} in the past`,
        limit: "now or later",
        actual: scheduledAt,
        hint: `Omit scheduled_at to publish now, or use a time at least 2 minutes ahead, e.g. ${earliest()}.`,
      },
    ];
  }
  if (deltaSeconds < LIMITS.scheduleLeadSeconds) {
    return [
      {
        code: "scheduled_at_too_soon",
        field: "scheduled_at",
        message: `\`scheduled_at\` is ${human(deltaSeconds)} ahead; a scheduled post must be at least 2 minutes ahead (or within 30 s of now to publish immediately)`,
        limit: "≥ 2 min ahead",
        actual: `${Math.round(deltaSeconds)} s ahead`,
        hint: `Omit scheduled_at to publish now, or use ${earliest()} or later.`,
      },
    ];
  }
  return [];
}
