/** What a route handler receives and returns; the server wraps the result in the success envelope. */
import type { SandboxStore } from "../store.js";

export interface RouteContext {
  store: SandboxStore;
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
