// npm run bench: runs every bench/*.bench.ts in name order against the BUILT server (dist/), each
// printing its own figures beside a baseline measured in the same run.
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
const only = process.argv.slice(2);
// CPU-bound measurements first, before the load tests leave a busy heap and warm sockets behind.
const ORDER = ["validate", "startup", "http", "soak"];
const rank = (f: string) => {
  const i = ORDER.findIndex((name) => f.startsWith(name));
  return i < 0 ? ORDER.length : i;
};
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));

for (const file of files) {
  console.log(`\n## ${file.replace(/\.bench\.ts$/, "")}`);
  const mod = (await import(pathToFileURL(`${here}${file}`).href)) as { run: () => Promise<void> };
  await mod.run();
}
