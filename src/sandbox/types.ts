/** Shapes shared across the sandbox: options, handle, faults, and the stored API objects. */
import type { UploadRecord } from "./uploads.js";

export interface SandboxOptions {
  /** Interface to bind; default "127.0.0.1". */
  host?: string;
  /** Port to bind; default 0 (ephemeral). */
  port?: number;
  /** If set, only `Bearer <apiKey>` (plus the special sandbox keys) is accepted; otherwise any non-empty bearer. */
  apiKey?: string;
  /** If set, state is loaded from this file at start and rewritten atomically after every mutation. */
  stateFile?: string;
  /** Clock in milliseconds; default Date.now. */
  now?: () => number;
}

export interface RecordedRequest {
  method: string;
  /** Path after the API base (e.g. "/posts"); the full path for requests outside the base. */
  path: string;
  query: Record<string, string>;
  /** Lower-cased header names; credentials replaced by "[redacted]". */
  headers: Record<string, string>;
  /** Parsed JSON, the raw string when it is not JSON, or undefined when empty. */
  body: unknown;
  /**
   * Response status; 0 when a fault dropped the connection or never answered. Under a `passThrough`
   * fault, the status the API produced (the write happened) even if the answer was then delayed or lost.
   */
  status: number;
  at: number;
}

export interface Fault {
  /** Method to match, e.g. "POST"; omitted = any. */
  method?: string;
  /** Path after the base, e.g. "/posts"; a trailing "/*" matches by prefix; omitted = any. */
  path?: string;
  /** Status to answer with; required unless `passThrough` or `hang`. */
  status?: number;
  /** JSON body to send (default: an error envelope for the status); a string is sent raw as text/html. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Shorthand for the envelope `{ok:false, code:status, message, error_code}`. */
  errorCode?: string;
  /** How many matching requests it applies to; default 1. */
  times?: number;
  /** Sandbox extra: wait this long before responding (to exercise client timeouts). */
  delayMs?: number;
  /** Sandbox extra: destroy the socket instead of responding (to exercise network errors). */
  dropConnection?: boolean;
  /**
   * Sandbox extra: the API handles the request for real (a create makes its post), then its own answer
   * is delayed by `delayMs` or lost by `dropConnection`: "the answer was lost after the write".
   * `status`, `body`, `headers` and `errorCode` are ignored.
   */
  passThrough?: boolean;
  /** Sandbox extra: never answer; the socket stays open until the client gives up or the sandbox closes. */
  hang?: boolean;
}

export interface SandboxHandle {
  /** Base URL of the API, e.g. "http://127.0.0.1:PORT/api/partner/v1". */
  url: string;
  /** "http://127.0.0.1:PORT". */
  origin: string;
  port: number;
  /** Every API request (not control requests), in arrival order. Cleared in place. */
  requests: RecordedRequest[];
  /** The subset of `requests` with method POST/PATCH/PUT/DELETE. */
  writes(): RecordedRequest[];
  addFault(fault: Fault): void;
  /** Files uploaded through POST /files and the presigned PUT, in the order they were presigned. */
  uploads(): UploadRecord[];
  /** Back to seed state; clears the request log, faults and uploads. */
  reset(): void;
  /** Closes the server and every open socket. */
  close(): Promise<void>;
}

export type JsonObject = Record<string, unknown>;

export type Platform = "tiktok" | "instagram" | "youtube" | "pinterest" | "linkedin" | "facebook";
export type ContentKind = "video" | "slideshow" | "text_only";

export interface AccountCapabilities {
  supported_content_kinds: ContentKind[];
  caption_limit: number;
  media_limits: { max_slides: number; video_max_bytes: number; image_max_bytes: number };
}

export interface Account {
  id: string;
  platform: Platform;
  type: "byo" | "hosted";
  username: string;
  display_name: string;
  status: string;
  workspace_id: string | null;
  capabilities?: AccountCapabilities;
}

export type PostStatus =
  | "draft"
  | "pending"
  | "scheduled"
  | "retry"
  | "posted"
  | "failed"
  | "partial"
  | "canceled"
  | "deleted"
  | "expired";

export type VideoMedia = { type: "video"; url: string } & JsonObject;
export type SlideshowMedia = { type: "slideshow"; urls: string[] } & JsonObject;
export type Media = VideoMedia | SlideshowMedia;

export interface AccountState {
  account_id: string;
  status: PostStatus;
  published_at: string | null;
  error_message: string | null;
  last_attempted_at: string | null;
  published_url: string | null;
}

export interface Post {
  id: string;
  caption: string;
  status: PostStatus;
  scheduled_at: string | null;
  created_at: string;
  media: Media | null;
  music_url: string | null;
  tiktok: JsonObject | null;
  pinterest: JsonObject | null;
  settings: Record<string, JsonObject> | null;
  external_id: string | null;
  states: AccountState[];
  /** Internal: SHA-256 of the create body (minus external_id); null for seed posts. */
  fingerprint: string | null;
}

export interface Warning {
  field: string;
  code: string;
  message: string;
}
