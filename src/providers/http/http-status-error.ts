import type { HttpAnswer } from "./http-answer.js";

/** The API answered, with a status outside 2xx. */
export class HttpStatusError extends Error {
  override readonly name = "HttpStatusError";
  readonly answer: HttpAnswer;

  constructor(answer: HttpAnswer, method: string, path: string) {
    super(`${method.toUpperCase()} ${path} answered ${answer.status}`);
    this.answer = answer;
  }

  get status(): number {
    return this.answer.status;
  }

  header(name: string): string | null {
    return this.answer.header(name);
  }

  /** The body: parsed when it says it is JSON and parses, else its text; undefined when empty. */
  get data(): unknown {
    const { text } = this.answer;
    if (text === "") return undefined;
    if (!/\bjson\b/i.test(this.answer.header("content-type") ?? "")) return text;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      return text;
    }
  }
}
