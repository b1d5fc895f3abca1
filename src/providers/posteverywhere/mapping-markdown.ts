// The README's "PostEverywhere backend" tables, from MAPPING and PE_RULES (test/unit/readme.test.ts).
import { PE_RULES } from "../../preflight/posteverywhere/rules.js";
import { MAPPING } from "./mapping.js";

const cell = (text: string | number | undefined) => String(text ?? "").replaceAll("|", "\\|");

export function posteverywhereMarkdown(): string {
  return [
    "| tools (Genviral shape) | PostEverywhere | note |",
    "| --- | --- | --- |",
    ...MAPPING.map((m) => `| ${cell(m.tool)} | ${cell(m.posteverywhere)} | ${cell(m.note)} |`),
    "",
    "Its own pre-flight rules, besides the shared ones above:",
    "",
    "| rule (violation code) | field | rule | limit | source |",
    "| --- | --- | --- | --- | --- |",
    ...PE_RULES.map(
      (r) => `| \`${r.id}\` | ${cell(r.field)} | ${cell(r.rule)} | ${cell(r.limit)} | ${cell(r.source)} |`,
    ),
  ].join("\n");
}
