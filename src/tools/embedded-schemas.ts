// The tools' full input JSON Schemas, computed at build time (scripts/build.ts, esbuild `define`), so
// the first tool call does not run z.toJSONSchema for every tool: measured 16 ms and +3.4 MiB of RSS.
// Undefined when running the unbundled tsc output (tests, bench helpers): then they are computed.
import type { JsonObject } from "./json-schema.js";

declare const __GENVIRAL_TOOL_INPUT_SCHEMAS__: Record<string, JsonObject> | undefined;

export const EMBEDDED_INPUT_SCHEMAS: Record<string, JsonObject> | undefined =
  typeof __GENVIRAL_TOOL_INPUT_SCHEMAS__ === "undefined" ? undefined : __GENVIRAL_TOOL_INPUT_SCHEMAS__;
