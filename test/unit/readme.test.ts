// The README's generated sections match the code. `npm run docs` rewrites them (UPDATE_README=1).
import { readFileSync, writeFileSync } from "node:fs";
import { expect, it } from "vitest";
import { readSection, replaceSection } from "../../scripts/readme-sections.js";
import { rulesMarkdown } from "../../src/preflight/rules-markdown.js";
import { posteverywhereMarkdown } from "../../src/providers/posteverywhere/mapping-markdown.js";
import { toolsReferenceMarkdown } from "../../src/tools/reference-markdown.js";
import { ROOT } from "../support/paths.js";

const README = `${ROOT}/README.md`;
const sections: Record<string, () => string> = {
  rules: rulesMarkdown,
  tools: toolsReferenceMarkdown,
  posteverywhere: posteverywhereMarkdown,
};

if (process.env.UPDATE_README) {
  let readme = readFileSync(README, "utf8");
  for (const [name, render] of Object.entries(sections)) readme = replaceSection(readme, name, render());
  writeFileSync(README, readme);
}

const readme = readFileSync(README, "utf8");
it.each(Object.keys(sections))("README section %s is generated from the code (npm run docs)", (name) => {
  expect(readSection(readme, name)).toBe(sections[name]?.());
});
