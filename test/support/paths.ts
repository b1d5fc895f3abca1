import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
/** The built entry: e2e tests run what ships, not the sources. */
export const BUILT_ENTRY = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
