/** What a route handler receives and returns; the server wraps the result in the success envelope. */
import type { SandboxStore } from "../store.js";
import type { SandboxUploads } from "../uploads.js";

export interface RouteContext {
  store: SandboxStore;
  /** Presigned uploads (POST /files). */
  uploads: SandboxUploads;
  now: () => number;
  params: Record<string, string>;
  query: URLSearchParams;
  /** Parsed JSON body for POST/PATCH/PUT; undefined otherwise. */
  body: unknown;
}

export interface RouteResult {
  status: number;
  message: string;
  data: unknown;
}

export type Handler = (ctx: RouteContext) => RouteResult;
