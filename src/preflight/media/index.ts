// Media inspection for pre-flight validation: inspect URLs over HTTP, then judge the facts.
export type { MediaFacts, MediaKind } from "./facts.js";
export { DEFAULT_CONCURRENCY, DEFAULT_TIMEOUT_MS, type InspectOptions, inspectMedia } from "./inspect.js";
export {
  MAX_IMAGE_BYTES,
  MAX_VIDEO_BYTES,
  MAX_VIDEO_SECONDS,
  type MediaJudgement,
  MIN_VIDEO_SECONDS,
  mediaFactsViolations,
} from "./media-rules.js";
