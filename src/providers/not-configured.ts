// A backend without its key: the server still starts and lists its tools (hosts probe servers before
// the user has configured them); every call answers with how to configure it.
import type { PostingProvider } from "./provider.js";
import { ProviderError } from "./provider-error.js";

export function notConfiguredProvider(name: string, message: string): PostingProvider {
  const refuse = (): Promise<never> =>
    Promise.reject(
      new ProviderError({ kind: "not_configured", message, retryable: false, writeMayHaveHappened: false }),
    );
  return {
    name,
    listAccounts: refuse,
    createPost: refuse,
    updatePost: refuse,
    listPosts: refuse,
    getPost: refuse,
    deletePosts: refuse,
    retryPosts: refuse,
  };
}
