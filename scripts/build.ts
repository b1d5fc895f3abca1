// npm run build: the production bundle. tsc emits dist/**/*.js (+ .d.ts) for benchmarks and typings;
// esbuild then writes the entry hosts run, dist/index.js, as one bundle with the rarely used parts
// (HTTP transport, sandbox, media inspection) split into chunks that load only when used.
import { chmodSync, rmSync } from "node:fs";
import { SUPPORTED_PROTOCOL_VERSIONS } from "@modelcontextprotocol/sdk/types.js";
import { build } from "esbuild";
import { startupAnswers, toolInputSchemas } from "../dist/server.js";

const root = new URL("..", import.meta.url).pathname;
rmSync(`${root}dist/chunks`, { recursive: true, force: true });

// initialize and tools/list answered from the bundle itself (src/transports/fast-start.ts).
const startup = { protocolVersions: SUPPORTED_PROTOCOL_VERSIONS, ...startupAnswers() };

const result = await build({
  absWorkingDir: root,
  entryPoints: { index: "src/bin.ts" },
  outdir: "dist",
  bundle: true,
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  format: "esm",
  platform: "node",
  target: "node22",
  minify: true,
  legalComments: "linked",
  metafile: true,
  logLevel: "warning",
  define: {
    __GENVIRAL_STARTUP__: JSON.stringify(startup),
    // The first tool call needs them; built here so it does not run z.toJSONSchema (server.ts).
    __GENVIRAL_TOOL_INPUT_SCHEMAS__: JSON.stringify(toolInputSchemas()),
  },
  plugins: [
    {
      // zod re-exports every locale; only English is used (src/vendor/zod-locales.ts says why).
      name: "zod-english-only",
      setup(b) {
        b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
          args.importer.includes("/node_modules/zod/")
            ? { path: `${root}src/vendor/zod-locales.ts` }
            : undefined,
        );
      },
    },
    {
      // The SDK's Ajv validator serves only elicitation, which this server never requests.
      name: "no-ajv",
      setup(b) {
        b.onResolve({ filter: /validation\/ajv-provider\.js$/ }, () => ({
          path: `${root}src/vendor/no-ajv.ts`,
        }));
      },
    },
  ],
  // Bundled CommonJS dependencies call require() for Node's built-ins.
  banner: {
    js: 'import{createRequire as __gmcpCreateRequire}from"node:module";const require=__gmcpCreateRequire(import.meta.url);',
  },
});
chmodSync(`${root}dist/index.js`, 0o755);

const outputs = Object.entries(result.metafile.outputs)
  .filter(([file]) => file.endsWith(".js"))
  .map(([file, info]) => `${file} ${(info.bytes / 1024).toFixed(0)} KiB`);
console.log(outputs.join("\n"));
