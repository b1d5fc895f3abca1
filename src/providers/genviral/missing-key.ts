// Without GENVIRAL_API_KEY the server still starts and lists its tools (hosts probe servers before
// the user has configured them); every call then explains how to set the key.
import type { PostingProvider } from "../provider.js";
import { ProviderError } from "../provider-error.js";

export const MISSING_KEY_MESSAGE =
  "GENVIRAL_API_KEY is not set, so genviral-mcp cannot call the Genviral API. Create a Partner API key on the API Keys page at www.genviral.io and set GENVIRAL_API_KEY in this MCP server's environment (the host's config \"env\" block), then restart the server. To try every tool without a key, start it with --sandbox.";

function refuse(): Promise<never> {
  return Promise.reject(
    new ProviderError({
      kind: "not_configured",
      message: MISSING_KEY_MESSAGE,
      retryable: false,
      writeMayHaveHappened: false,
    }),
  );
}

export const missingKeyProvider: PostingProvider = {
  name: "Genviral",
  listAccounts: refuse,
  createPost: refuse,
  updatePost: refuse,
  listPosts: refuse,
  getPost: refuse,
  deletePosts: refuse,
  retryPosts: refuse,
};
