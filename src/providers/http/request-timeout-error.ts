/** An attempt, or the whole call's budget, ran out before the API answered. */
export class RequestTimeoutError extends Error {
  override readonly name = "RequestTimeoutError";
}
