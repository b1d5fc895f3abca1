// What inspecting one media URL found out. Plain data: the rules in media-rules.ts judge it.

export type MediaKind = "video" | "image";

export interface MediaFacts {
  url: string;
  /** The file could be fetched with GET (as Genviral's servers will). */
  reachable: boolean;
  /** HTTP status of the GET answer we used (or of HEAD, when GET never answered). */
  status?: number;
  /** Why it is not reachable, or what could not be read from it, in words. */
  error?: string;
  /** What the server said the file is. */
  headerContentType?: string;
  /** What the bytes say it is (see sniff.ts); undefined when they match nothing known. */
  sniffedType?: string;
  sizeBytes?: number;
  /** Video only, when the file states it. */
  durationSec?: number;
  /** Display size (after rotation metadata), when found. */
  width?: number;
  height?: number;
}
