import { describe, expect, it } from "vitest";
import { isIsoDate, isIsoDateTimeWithZone } from "../../src/schemas/iso-datetime.js";

describe("isIsoDateTimeWithZone", () => {
  it("takes the zone forms the API documents, with or without seconds and fractions", () => {
    for (const ok of [
      "2026-12-01T09:30:00Z",
      "2026-12-01T09:30Z",
      "2026-12-01T09:30:00.123456789+02:00",
      "2026-12-01T09:30:00-0530",
      "2026-12-01t09:30:00z",
    ])
      expect(isIsoDateTimeWithZone(ok), ok).toBe(true);
  });

  it("refuses a missing zone and impossible fields", () => {
    for (const bad of [
      "2026-12-01T09:30:00",
      "2026-13-01T09:30:00Z",
      "2026-04-31T09:30:00Z",
      "2026-12-01T24:00:00Z",
      "2026-12-01T09:60:00Z",
      "2026-12-01T09:30:60Z",
      "2026-12-01T09:30:00+24:00",
      "2026-12-01",
    ])
      expect(isIsoDateTimeWithZone(bad), bad).toBe(false);
  });

  it("knows leap years: every 4th, not every 100th, every 400th", () => {
    expect(isIsoDateTimeWithZone("2028-02-29T00:00:00Z")).toBe(true);
    expect(isIsoDateTimeWithZone("2027-02-29T00:00:00Z")).toBe(false);
    expect(isIsoDateTimeWithZone("2000-02-29T00:00:00Z")).toBe(true);
    expect(isIsoDateTimeWithZone("2100-02-29T00:00:00Z")).toBe(false);
  });

  it("accepts exactly the days Date.parse accepts, day by day over four years", () => {
    for (let t = Date.UTC(2027, 0, 1); t < Date.UTC(2031, 0, 1); t += 86_400_000) {
      const day = new Date(t).toISOString().slice(0, 10);
      expect(isIsoDateTimeWithZone(`${day}T12:00:00Z`), day).toBe(true);
    }
    for (const [month, last] of [
      ["02", 28],
      ["04", 30],
      ["06", 30],
      ["09", 30],
      ["11", 30],
    ] as const) {
      expect(isIsoDateTimeWithZone(`2027-${month}-${last + 1}T12:00:00Z`)).toBe(false);
    }
  });
});

describe("isIsoDate", () => {
  it("takes a plain date and refuses an impossible one", () => {
    expect(isIsoDate("2026-11-23")).toBe(true);
    expect(isIsoDate("2026-11-31")).toBe(false);
  });
});
