// npm run bench: runs every bench/*.bench.ts in name order against the BUILT server (dist/), each
// printing its own figures beside a baseline measured in the same run.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort();

for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, "")}`);
  const mod = (await import(pathToFileURL(`${here}${file}`).href)) as { run: () => Promise<void> };
  await mod.run();
}
