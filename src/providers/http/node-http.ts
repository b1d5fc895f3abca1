// node:http and node:https, loaded with require instead of an ESM import. An ESM import of a built-in
// reads every export, and node:http's lazy WebSocket/CloseEvent/MessageEvent exports load undici:
// measured +17 MiB of RSS in a server that never uses it (README, "Performance").
import { createRequire } from "node:module";

const requireBuiltin = createRequire(import.meta.url);

export const nodeHttp = requireBuiltin("node:http") as typeof import("node:http");
export const nodeHttps = requireBuiltin("node:https") as typeof import("node:https");
