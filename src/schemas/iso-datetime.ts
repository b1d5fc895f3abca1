// ISO 8601 date-times with a zone, as create-post-latest.txt asks ("ISO 8601 datetime with timezone
// offset"): seconds and fractions optional, the offset as Z, ±hh:mm or ±hhmm; impossible dates refused.
import { z } from "zod";

const DATE_TIME_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Proleptic Gregorian, as ISO 8601 counts. Arithmetic, not a Date: this runs on every validation. */
function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

function inRange(match: RegExpExecArray): boolean {
  const [, y, mo, d, h = "0", mi = "0", s = "0", zh = "0", zm = "0"] = match;
  const month = Number(mo);
  const day = Number(d);
  return (
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(Number(y), month) &&
    Number(h) <= 23 &&
    Number(mi) <= 59 &&
    Number(s) <= 59 &&
    Number(zh) <= 23 &&
    Number(zm) <= 59
  );
}

/** The pattern and every field in range: then Date.parse accepts it too (no need to ask it). */
function matches(pattern: RegExp, text: string): boolean {
  const match = pattern.exec(text);
  return match !== null && inRange(match);
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
