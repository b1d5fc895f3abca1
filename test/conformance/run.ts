// The protocol's official conformance suite (@modelcontextprotocol/conformance) against the BUILT
// server over HTTP, in both modes. `node test/conformance/run.ts` (after `npm run build`); exits
// non-zero when any scenario fails. .ci/run runs it.
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

// Plain `node` runs this file: it needs the .ts name, which tsc accepts only in a dynamic import.
const { startHttpServer } = (await import(
  new URL("../support/http.ts", import.meta.url).href
)) as typeof import("../support/http.js");

// logging-set-level: the server declares the logging capability. The tools-call-* scenarios need
// the suite's own test tools, which this server does not have.
const SCENARIOS = [
  "server-initialize",
  "ping",
  "tools-list",
  "resources-list",
  "prompts-list",
  "dns-rebinding-protection",
  "logging-set-level",
];
// server-sse-multiple-streams checks a session's concurrent streams (src/transports/http-mcp-transport.ts);
// a stateless server has no GET stream to check.
const MODES: { name: string; args: string[]; scenarios: string[] }[] = [
  { name: "stateful", args: [], scenarios: [...SCENARIOS, "server-sse-multiple-streams"] },
  { name: "stateless", args: ["--stateless"], scenarios: SCENARIOS },
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
    const results = await Promise.all(mode.scenarios.map((s) => runScenario(url, s)));
    results.forEach(({ ok, output }, i) => {
      const summary = /Passed: \d+\/\d+[^\n]*/.exec(output)?.[0] ?? "no summary";
      console.log(`conformance ${mode.name} ${mode.scenarios[i]}: ${ok ? "pass" : "FAIL"} (${summary})`);
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
    ? `conformance: all ${MODES.reduce((n, m) => n + m.scenarios.length, 0)} scenario runs passed`
    : `conformance: ${failed} scenario run(s) failed`,
);
process.exit(failed === 0 ? 0 : 1);
