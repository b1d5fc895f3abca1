/**
 * No usable answer: the connection was refused, failed, or dropped before the answer ended. The
 * socket's own error (with its `code`, e.g. ECONNREFUSED) is the cause.
 */
export class NetworkError extends Error {
  override readonly name = "NetworkError";
}
