// npm run pack:mcpb [-- OUTPUT]: the Claude Desktop extension. Stages the MCPB manifest with the
// bundled server (dist/index.js and its chunks: every dependency is inside, so no node_modules ship)
// and packs it with the official `mcpb` tool. Run after `npm run build`.
import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("..", import.meta.url).pathname;
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name: string; version: string };
const output = process.argv[2] ?? join(root, `${pkg.name}-${pkg.version}.mcpb`);

const stage = mkdtempSync(join(tmpdir(), "genviral-mcpb-"));
try {
  const manifest = JSON.parse(readFileSync(join(root, "manifests/mcpb/manifest.json"), "utf8")) as Record<
    string,
    unknown
  >;
  delete manifest.$schema; // points into node_modules, which does not ship
  writeFileSync(join(stage, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  mkdirSync(join(stage, "server"));
  cpSync(join(root, "dist/index.js"), join(stage, "server/index.js"));
  cpSync(join(root, "dist/chunks"), join(stage, "server/chunks"), { recursive: true });
  for (const file of ["README.md", "LICENSE"]) cpSync(join(root, file), join(stage, file));
  execFileSync(join(root, "node_modules/.bin/mcpb"), ["pack", stage, output], { stdio: "inherit" });
  console.log(`wrote ${output}`);
} finally {
  rmSync(stage, { recursive: true, force: true });
}
