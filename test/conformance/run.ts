// The protocol's official conformance suite (@modelcontextprotocol/conformance) against the BUILT
// server over HTTP, in both modes. `node test/conformance/run.ts` (after `npm run build`); exits
// non-zero when any scenario fails. .ci/run runs it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// Plain `node` runs this file: it needs the .ts name, which tsc accepts only in a dynamic import.
const { startHttpServer } = (await import(
  new URL("../support/http.ts", import.meta.url).href
)) as typeof import("../support/http.js");

// logging-set-level: the server declares the logging capability.
const SCENARIOS = [
  "server-initialize",
  "ping",
  "tools-list",
  "dns-rebinding-protection",
  "logging-set-level",
];
const MODES: { name: string; args: string[] }[] = [
  { name: "stateful", args: [] },
  { name: "stateless", args: ["--stateless"] },
];
const CLI = fileURLToPath(new URL("../../node_modules/.bin/conformance", import.meta.url));

function runScenario(url: string, scenario: string): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    // The CLI's environment, minus any GENVIRAL_* a developer may have set.
    const child = spawn(CLI, ["server", "--url", url, "--scenario", scenario], {
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", NO_COLOR: "1" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    child.stderr.on("data", (c: Buffer) => {
      output += c.toString("utf8");
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 60_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ ok: code === 0, output });
    });
  });
}

let failed = 0;
for (const mode of MODES) {
  const server = await startHttpServer({ args: ["--sandbox", ...mode.args] });
  try {
    // 127.0.0.1, not "localhost": the dns-rebinding scenario needs a loopback URL, and the server
    // listens on IPv4 loopback only.
    const url = `${server.url}/mcp`;
    const results = await Promise.all(SCENARIOS.map((s) => runScenario(url, s)));
    results.forEach(({ ok, output }, i) => {
      const summary = /Passed: \d+\/\d+[^\n]*/.exec(output)?.[0] ?? "no summary";
      console.log(`conformance ${mode.name} ${SCENARIOS[i]}: ${ok ? "pass" : "FAIL"} (${summary})`);
      if (!ok) {
        failed++;
        console.log(output);
      }
    });
  } finally {
    await server.stop();
  }
}
console.log(
  failed === 0
    ? `conformance: all ${SCENARIOS.length * MODES.length} scenario runs passed`
    : `conformance: ${failed} scenario run(s) failed`,
);
process.exit(failed === 0 ? 0 : 1);
