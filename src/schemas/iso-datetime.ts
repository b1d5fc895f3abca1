// ISO 8601 date-times with a zone, as create-post-latest.txt asks ("ISO 8601 datetime with timezone
// offset"): seconds and fractions optional, the offset as Z, ±hh:mm or ±hhmm; impossible dates refused.
import { z } from "zod";

const DATE_TIME_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

function inRange(match: RegExpExecArray): boolean {
  const [, y, mo, d, h = "0", mi = "0", s = "0", zh = "0", zm = "0"] = match;
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(Number(y), month, 0)).getUTCDate();
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59 &&
    Number(zh) <= 23 &&
    Number(zm) <= 59
  );
}

function matches(pattern: RegExp, text: string): boolean {
  const match = pattern.exec(text);
  return match !== null && inRange(match) && Number.isFinite(Date.parse(text));
}

export const isIsoDateTimeWithZone = (text: string) => matches(DATE_TIME_WITH_ZONE, text);
export const isIsoDate = (text: string) => matches(DATE, text);

/** A date-time with a zone; a refusal reads as zod's own `invalid_format` / `datetime`. */
export const isoDateTimeWithZone = z
  .string()
  .superRefine((value, ctx) => {
    if (!isIsoDateTimeWithZone(value))
      ctx.addIssue({ code: "invalid_format", format: "datetime", input: value });
  })
  .meta({ format: "date-time" });

/** list_posts since/until: such a date-time, or a plain date. */
export const isoDateTimeOrDate = z
  .string()
  .superRefine((value, ctx) => {
    if (!isIsoDateTimeWithZone(value) && !isIsoDate(value)) {
      ctx.addIssue({ code: "invalid_format", format: "datetime", input: value });
    }
  })
  .meta({ description: "ISO 8601 date-time or date" });
