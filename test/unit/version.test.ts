import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { VERSION } from "../../src/version.js";
import { ROOT } from "../support/paths.js";

it("VERSION matches package.json", () => {
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, "utf8")) as { version: string };
  expect(VERSION).toBe(pkg.version);
});
