// The initialize/tools/list answers built into the bundle by scripts/build.ts (esbuild `define`).
// Undefined when running the unbundled tsc output: then the server loads in full before answering.
import type { StartupAnswers } from "./fast-start.js";

declare const __GENVIRAL_STARTUP__: StartupAnswers | undefined;

export const EMBEDDED_STARTUP: StartupAnswers | undefined =
  typeof __GENVIRAL_STARTUP__ === "undefined" ? undefined : __GENVIRAL_STARTUP__;
