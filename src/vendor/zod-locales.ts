// Replaces zod's locale index in the bundle: zod re-exports all its ~45 locales (258 KiB of code the
// server would parse and keep on every start) but uses, and this server configures, English only.
export { default as en } from "zod/v4/locales/en.js";
