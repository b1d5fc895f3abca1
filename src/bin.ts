#!/usr/bin/env node
// The shipped entry (bundled to dist/index.js): turn on Node's compile cache before anything else is
// loaded, so every later start skips compiling the bundle (hosts launch stdio servers often).
import module from "node:module";

module.enableCompileCache?.();
await import("./index.js");
