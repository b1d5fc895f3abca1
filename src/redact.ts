// The API key must never reach a result, a log line or an error. Everything that leaves the
// process as text passes through a redactor built once from the secrets it must hide.

export type Redactor = (text: string) => string;

const REDACTED = "[redacted]";

export function createRedactor(secrets: readonly (string | undefined)[]): Redactor {
  // Very short secrets would redact ordinary words; real keys are long.
  const hidden = secrets.filter((s): s is string => typeof s === "string" && s.length >= 6);
  if (hidden.length === 0) return (text) => text;
  return (text) => {
    let out = text;
    for (const secret of hidden) {
      if (out.includes(secret)) out = out.split(secret).join(REDACTED);
    }
    return out;
  };
}
