// MCP resources: the rules table (the detail tool descriptions leave out) and the account list.
import type { Server } from "@modelcontextprotocol/sdk/server/index.js";
import {
  ErrorCode,
  ListResourcesRequestSchema,
  McpError,
  ReadResourceRequestSchema,
  type Resource,
} from "@modelcontextprotocol/sdk/types.js";
import type { AccountDirectory } from "./accounts/account-directory.js";
import {
  CAPTION_LIMITS,
  DEFAULT_CONTENT_KINDS,
  EDITABLE_STATUSES,
  IMAGE_EXTENSIONS,
  LIMITS,
  RULES,
  SETTINGS_PROVIDERS,
  VIDEO_EXTENSIONS,
} from "./preflight/rules.js";
import { ProviderError } from "./providers/provider-error.js";
import type { Redactor } from "./redact.js";

export const RULES_URI = "genviral://rules";
export const ACCOUNTS_URI = "genviral://accounts";

const RESOURCES: Resource[] = [
  {
    uri: RULES_URI,
    name: "rules",
    title: "Posting rules",
    description: "Every rule pre-flight checks, with its limit and the API doc it comes from.",
    mimeType: "application/json",
  },
  {
    uri: ACCOUNTS_URI,
    name: "accounts",
    title: "Accounts",
    description: "The accounts this API key can post to (GET /accounts, cached for a minute).",
    mimeType: "application/json",
  },
];

/** Built once: the rules never change while the process runs. */
let rulesText: string | undefined;
function rulesJson(): string {
  rulesText ??= JSON.stringify(
    {
      rules: RULES,
      caption_limits: CAPTION_LIMITS,
      limits: LIMITS,
      video_extensions: VIDEO_EXTENSIONS,
      image_extensions: IMAGE_EXTENSIONS,
      default_content_kinds: DEFAULT_CONTENT_KINDS,
      editable_statuses: EDITABLE_STATUSES,
      settings_providers: SETTINGS_PROVIDERS,
    },
    null,
    1,
  );
  return rulesText;
}

export function registerResources(server: Server, accounts: AccountDirectory, redact: Redactor): void {
  server.setRequestHandler(ListResourcesRequestSchema, () => ({ resources: RESOURCES }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request, extra) => {
    const { uri } = request.params;
    if (uri === RULES_URI) return { contents: [{ uri, mimeType: "application/json", text: rulesJson() }] };
    if (uri === ACCOUNTS_URI) {
      try {
        const list = await accounts.list({ signal: extra.signal });
        return {
          contents: [
            { uri, mimeType: "application/json", text: redact(JSON.stringify({ accounts: list }, null, 1)) },
          ],
        };
      } catch (error) {
        const message = error instanceof ProviderError ? error.message : "could not read the accounts";
        throw new McpError(ErrorCode.InternalError, redact(message));
      }
    }
    throw new McpError(
      ErrorCode.InvalidParams,
      `Unknown resource "${redact(uri.slice(0, 200))}". Available: ${RESOURCES.map((r) => r.uri).join(", ")}.`,
    );
  });
}
