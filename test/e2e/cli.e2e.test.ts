// CLI mode for shell-driven agents, through the built binary: `tools`, `call <tool> '<json>'`,
// exit 0 done / 1 refused or failed / 2 bad usage, with --sandbox.
import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUILT_ENTRY } from "../support/paths.js";
import { minutesFromNow, SEED_ACCOUNT_IDS } from "../support/sandbox.js";

function cli(args: string[], input?: string) {
  const result = spawnSync(process.execPath, [BUILT_ENTRY, ...args], {
    env: { PATH: process.env.PATH ?? "" },
    encoding: "utf8",
    input,
    timeout: 30_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("genviral-mcp tools", () => {
  it("prints every tool with its schema as JSON", () => {
    const { code, stdout } = cli(["tools"]);
    expect(code).toBe(0);
    const { tools } = JSON.parse(stdout) as { tools: Array<{ name: string; inputSchema: { type: string } }> };
    expect(tools.map((t) => t.name)).toContain("schedule_post");
    for (const tool of tools) expect(tool.inputSchema.type).toBe("object");
  });
});

describe("genviral-mcp call", () => {
  const state = join(mkdtempSync(join(tmpdir(), "genviral-cli-")), "state.json");
  const sandbox = ["--sandbox", "--sandbox-state", state];

  it("schedules a post in --sandbox, and a later call sees it", () => {
    const post = {
      caption: "From the shell",
      media: { type: "video", url: "https://cdn.example.com/v.mp4", duration_sec: 20 },
      accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }],
      scheduled_at: minutesFromNow(30),
      external_id: "cli-1",
    };
    const created = cli(["call", "schedule_post", JSON.stringify(post), ...sandbox]);
    expect(created.code, created.stderr).toBe(0);
    const result = JSON.parse(created.stdout) as { id: string; status: string; external_id: string };
    expect(result).toMatchObject({ status: "scheduled", external_id: "cli-1" });
    expect(created.stderr).toContain(result.id);

    const fetched = cli(["call", "get_post", "-", ...sandbox], JSON.stringify({ post_id: result.id }));
    expect(fetched.code, fetched.stderr).toBe(0);
    expect(JSON.parse(fetched.stdout)).toMatchObject({ id: result.id, caption: "From the shell" });
  });

  it("exits 1 with the violations as JSON when pre-flight refuses", () => {
    const { code, stdout } = cli([
      "call",
      "schedule_post",
      JSON.stringify({ caption: "", accounts: [{ id: SEED_ACCOUNT_IDS.tiktokByo }] }),
      "--sandbox",
    ]);
    expect(code).toBe(1);
    expect(JSON.parse(stdout)).toMatchObject({
      ok: false,
      violations: [expect.objectContaining({ field: "caption" })],
    });
  });

  it("exits 1 explaining the key when there is none", () => {
    const { code, stdout } = cli(["call", "list_accounts", "{}"]);
    expect(code).toBe(1);
    expect(stdout).toContain("GENVIRAL_API_KEY");
  });

  it.each([
    [["call"], /tool name/],
    [["call", "list_accounts"], /arguments as JSON/],
    [["call", "nope", "{}", "--sandbox"], /unknown tool "nope"/],
    [["call", "list_accounts", "{not json", "--sandbox"], /not valid JSON/],
    [["call", "list_accounts", "[]", "--sandbox"], /must be a JSON object/],
    [["tools", "--bogus"], /unknown option/],
  ])("exits 2 on bad usage: %j", (args, message) => {
    const { code, stderr } = cli(args);
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
