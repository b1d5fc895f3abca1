// The rules table as Markdown, for the README (kept in step by test/unit/readme.test.ts).
import { RULES } from "./rules.js";

const cell = (text: string | number | undefined) => String(text ?? "").replaceAll("|", "\\|");

export function rulesMarkdown(): string {
  const rows = RULES.map(
    (r) => `| \`${r.id}\` | ${cell(r.field)} | ${cell(r.rule)} | ${cell(r.limit)} | ${cell(r.source)} |`,
  );
  return [
    "| rule (violation code) | field | rule | limit | source |",
    "| --- | --- | --- | --- | --- |",
    ...rows,
  ].join("\n");
}
