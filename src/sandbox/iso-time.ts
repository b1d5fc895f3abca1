/** Strict ISO 8601 parsing: Date.parse alone accepts impossible dates such as Feb 30 and non-ISO formats. */

const DATE_TIME_WITH_ZONE =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))$/;
// For list filters a bare date or a zone-less date-time is also ISO 8601 (zone-less is read as server time).
const DATE_OR_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):?(\d{2}))?)?$/;

function fieldsInRange(match: RegExpExecArray): boolean {
  const [, y, mo, d, h = "0", mi = "0", s = "0", zh = "0", zm = "0"] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
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

function parseWith(pattern: RegExp, text: string): number | undefined {
  const match = pattern.exec(text);
  if (!match || !fieldsInRange(match)) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

/** Milliseconds for an ISO 8601 date-time carrying a zone (Z or ±hh:mm), else undefined. */
export function parseZonedDateTime(text: string): number | undefined {
  return parseWith(DATE_TIME_WITH_ZONE, text);
}

/** Milliseconds for an ISO 8601 date or date-time, else undefined. */
export function parseIsoDate(text: string): number | undefined {
  return parseWith(DATE_OR_DATE_TIME, text);
}
