// The README's tool reference, generated from the same listing tools/list serves (kept in step by
// test/unit/readme.test.ts; `npm run docs` rewrites it).
import { buildRegistry } from "../server.js";
import type { JsonObject } from "./json-schema.js";

const cell = (text: unknown) =>
  String(text ?? "")
    .replaceAll("|", "\\|")
    .replaceAll("\n", " ");

function typeOf(schema: JsonObject): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (Array.isArray(schema.enum)) return schema.enum.map((v) => JSON.stringify(v)).join(" | ");
  const variants = (schema.anyOf ?? schema.oneOf) as JsonObject[] | undefined;
  if (variants) return variants.map(typeOf).join(" | ");
  // A tagged object (media): name it by its tag and fields, e.g. {type: "video", url}.
  const properties = schema.properties as Record<string, JsonObject> | undefined;
  const tag = properties?.type?.const;
  if (schema.type === "object" && tag !== undefined && properties) {
    const fields = Object.keys(properties).filter((k) => k !== "type");
    return `{type: ${JSON.stringify(tag)}${fields.map((f) => `, ${f}`).join("")}}`;
  }
  const type = Array.isArray(schema.type) ? schema.type.join(" | ") : String(schema.type ?? "any");
  if (schema.type === "array" && schema.items) return `${typeOf(schema.items as JsonObject)}[]`;
  if (schema.format) return `${type} (${String(schema.format)})`;
  return type;
}

function limitsOf(schema: JsonObject): string {
  const parts: string[] = [];
  if (schema.minItems !== undefined || schema.maxItems !== undefined) {
    parts.push(`${schema.minItems ?? 0}–${schema.maxItems ?? "∞"} items`);
  }
  if (schema.maxLength !== undefined) parts.push(`≤ ${schema.maxLength} chars`);
  if (schema.minimum !== undefined) parts.push(`≥ ${schema.minimum}`);
  return parts.join(", ");
}

export function toolsReferenceMarkdown(): string {
  const sections: string[] = [];
  for (const { listing } of buildRegistry().values()) {
    const a = listing.annotations ?? {};
    const hints = [
      a.readOnlyHint ? "read-only" : "writes",
      a.destructiveHint ? "destructive" : "not destructive",
      a.idempotentHint ? "idempotent" : "not idempotent",
      a.openWorldHint ? "open world" : "closed world",
    ].join(", ");
    const input = listing.inputSchema as JsonObject;
    const required = new Set((input.required as string[] | undefined) ?? []);
    const rows = Object.entries((input.properties ?? {}) as Record<string, JsonObject>).map(
      ([name, schema]) =>
        `| \`${name}\` | ${cell(typeOf(schema))} | ${required.has(name) ? "yes" : ""} | ${cell(limitsOf(schema))} | ${cell(schema.description)} |`,
    );
    const output = Object.keys(
      ((listing.outputSchema as JsonObject | undefined)?.properties ?? {}) as JsonObject,
    )
      .filter(
        (k) => !["ok", "violations", "warnings", "error"].includes(k) || listing.name === "validate_post",
      )
      .map((k) => `\`${k}\``)
      .join(", ");
    sections.push(
      [
        `#### \`${listing.name}\` — ${listing.title ?? ""}`,
        "",
        `${listing.description ?? ""}`,
        "",
        `*${hints}*`,
        "",
        ...(rows.length
          ? [
              "| argument | type | required | limits | notes |",
              "| --- | --- | --- | --- | --- |",
              ...rows,
              "",
            ]
          : ["No arguments.", ""]),
        `Returns (\`structuredContent\`): ${output || "—"}; on refusal or failure \`{ ok: false, violations | error }\`.`,
      ].join("\n"),
    );
  }
  return sections.join("\n\n");
}
