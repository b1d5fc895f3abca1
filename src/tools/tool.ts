// A tool is data (name, schemas, annotations, description) plus a handler that takes its
// dependencies through the context. Tools know MCP and the provider interface, nothing of HTTP.
import type { z } from "zod";
import type { AccountDirectory } from "../accounts/account-directory.js";
import type { Logger } from "../log.js";
import type { Violation } from "../preflight/violation.js";
import type { PostingProvider } from "../providers/provider.js";

export interface ToolAnnotations {
  title: string;
  readOnlyHint: boolean;
  destructiveHint: boolean;
  idempotentHint: boolean;
  openWorldHint: boolean;
}

export interface ToolContext {
  provider: PostingProvider;
  /** GET /accounts, cached briefly; pre-flight reads targets from it. */
  accounts: AccountDirectory;
  logger: Logger;
  signal: AbortSignal;
  now: () => number;
  /** --check-media: inspect media URLs before every write. */
  checkMedia: boolean;
  /**
   * True only for a local caller (stdio): upload_media may read this machine's files and fetch from
   * its private network. A remote (HTTP) caller must never reach either.
   */
  allowLocalFiles: boolean;
  /** Set when the host asked for progress (a progressToken): sends notifications/progress. */
  reportProgress?: (progress: number, total?: number, message?: string) => void;
}

/** A handler either succeeds with the structured result or refuses with violations. */
export type ToolOutcome<T> =
  | { ok: true; result: T }
  | { ok: false; violations: Violation[]; warnings?: Violation[] };

export interface ToolDefinition<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  name: string;
  description: string;
  annotations: ToolAnnotations;
  input: In;
  /** What tools/list shows instead of the input schema, when a shorter one says enough. */
  publishedInput?: Record<string, unknown>;
  output: Out;
  /** Rewrites accepted aliases before validation (e.g. post_ids → postIds). */
  normalize?: (args: Record<string, unknown>) => Record<string, unknown>;
  run(args: z.output<In>, context: ToolContext): Promise<ToolOutcome<z.output<Out>>>;
  /** A short text rendering of a successful result, for hosts that show text. */
  render(result: z.output<Out>): string;
}

/** Keeps each tool's types tied together while the registry holds them as one list. */
export function defineTool<In extends z.ZodType, Out extends z.ZodType>(
  tool: ToolDefinition<In, Out>,
): ToolDefinition {
  return tool as unknown as ToolDefinition;
}

export const succeed = <T>(result: T): ToolOutcome<T> => ({ ok: true, result });

export const refuse = <T>(violations: Violation[], warnings: Violation[] = []): ToolOutcome<T> => ({
  ok: false,
  violations,
  warnings,
});
