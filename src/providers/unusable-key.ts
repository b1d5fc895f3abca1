// A key pasted with a space, a line break or a typographic quote inside cannot be sent in an HTTP
// header (Node refuses it before anything leaves the machine), which would otherwise surface as a
// misleading "could not reach the API". Such a key is treated like a missing one: the server starts,
// and every call says what is wrong with it, without showing it.
import { notConfiguredProvider } from "./not-configured.js";
import type { PostingProvider } from "./provider.js";

/** Where a key has a character an HTTP header cannot carry (anything but visible ASCII), 1-based. */
export function unusableKeyPosition(key: string): number | undefined {
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i);
    if (code < 0x21 || code > 0x7e) return i + 1;
  }
  return undefined;
}

export function unusableKeyProvider(
  backend: string,
  variable: string,
  position: number,
  where: string,
): { provider: PostingProvider; message: string } {
  const message = `${variable} has a character an HTTP header cannot carry at position ${position} (a space, a line break or a typographic quote picked up while copying), so genviral-mcp cannot call the ${backend} API with it. Copy the key again from ${where}, set ${variable} in this MCP server's environment, then restart the server.`;
  return { provider: notConfiguredProvider(backend, message), message };
}
