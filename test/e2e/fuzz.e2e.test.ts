// Hostile input over the raw stdio wire: broken JSON-RPC, wrong types, null everywhere, huge payloads,
// prototype-pollution keys, path-traversal ids, unknown tools and methods, huge ids, deep nesting.
// The built server must answer every request that has an id, write only JSON-RPC to stdout, send
// nothing to the API, never crash — and still work afterwards.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { SandboxHandle } from "../../src/sandbox/index.js";
import { startSandbox } from "../../src/sandbox/index.js";
import {
  type Id,
  nonJsonRpcLines,
  type RawResponse,
  type RawServer,
  spawnRaw,
} from "../support/raw-stdio.js";
import { SEED_ACCOUNT_IDS, SEED_POST_IDS, TEST_KEY } from "../support/sandbox.js";

let api: SandboxHandle;
let server: RawServer;

beforeAll(async () => {
  api = await startSandbox({ apiKey: TEST_KEY });
  server = spawnRaw({ env: { GENVIRAL_API_KEY: TEST_KEY, GENVIRAL_API_URL: api.url } });
  await server.initialize();
});
afterAll(async () => {
  await server?.close();
  await api?.close();
});

/** One line on the wire and what must come back for it. */
interface WireCase {
  name: string;
  line: string;
  /** "response": an answer carrying `id`; "anonymous": an answer without id; "none": nothing. */
  expect: "response" | "anonymous" | "none";
  id?: Id;
  /** For tools/call: the call must fail (isError or JSON-RPC error), never succeed. */
  mustFail?: boolean;
}

let nextId = 1;
const rpc = (method: string, params: string | undefined, mustFail = true, name = method): WireCase => {
  const id = nextId++;
  const line = `{"jsonrpc":"2.0","id":${id},"method":${JSON.stringify(method)}${params === undefined ? "" : `,"params":${params}`}}`;
  return { name, line, expect: "response", id, mustFail };
};
/** A tools/call whose arguments are given as raw JSON text (so "__proto__" stays a key). */
const call = (tool: string, argsJson: string, mustFail = true): WireCase =>
  rpc(
    "tools/call",
    `{"name":${JSON.stringify(tool)},"arguments":${argsJson}}`,
    mustFail,
    `${tool} ${argsJson.slice(0, 60)}`,
  );
const anonymous = (name: string, line: string): WireCase => ({ name, line, expect: "anonymous" });

const video = '{"type":"video","url":"https://cdn.example.com/v.mp4"}';
const account = `[{"id":"${SEED_ACCOUNT_IDS.tiktokByo}"}]`;

function malformedLines(): WireCase[] {
  return [
    anonymous("half an object", "{"),
    anonymous("prose", "not json at all"),
    anonymous("truncated request", '{"jsonrpc":"2.0","id":1,"method":"tools/list"'),
    anonymous("control characters", "\u0000\u0001\u0002"),
    anonymous("lone surrogate and BOM", "\uFEFF\uD800{}"),
    anonymous("null", "null"),
    anonymous("number", "123"),
    anonymous("string", '"tools/list"'),
    anonymous("empty object", "{}"),
    anonymous("empty batch", "[]"),
    anonymous("batch of requests", `[{"jsonrpc":"2.0","id":${nextId++},"method":"ping"}]`),
    {
      name: "jsonrpc 1.0",
      line: '{"jsonrpc":"1.0","id":"v1","method":"ping"}',
      expect: "response",
      id: "v1",
    },
    (() => {
      const id = nextId++;
      return { name: "missing jsonrpc", line: `{"id":${id},"method":"ping"}`, expect: "response", id };
    })(),
    anonymous("id is an object", '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}'),
    anonymous("id is an array", '{"jsonrpc":"2.0","id":[1],"method":"ping"}'),
    anonymous("id is true", '{"jsonrpc":"2.0","id":true,"method":"ping"}'),
    anonymous("id is a fraction", '{"jsonrpc":"2.0","id":1.5,"method":"ping"}'),
    anonymous("id is null", '{"jsonrpc":"2.0","id":null,"method":"ping"}'),
    anonymous("id beyond 2^53", '{"jsonrpc":"2.0","id":1e308,"method":"ping"}'),
    anonymous("deeply nested array line", `${"[".repeat(100_000)}${"]".repeat(100_000)}`),
    { name: "blank line", line: "   ", expect: "none" },
    // Broken requests whose id is readable are answered with that id.
    { ...rpc("ping", '"a string"'), name: "params is a string" },
    { ...rpc("tools/call", "[]"), name: "params is an array" },
    { ...rpc("tools/call", "null"), name: "params is null" },
    (() => {
      const id = nextId++;
      return {
        name: "method is a number",
        line: `{"jsonrpc":"2.0","id":${id},"method":42}`,
        expect: "response",
        id,
      };
    })(),
    (() => {
      const id = nextId++;
      return {
        name: "method is null",
        line: `{"jsonrpc":"2.0","id":${id},"method":null}`,
        expect: "response",
        id,
      };
    })(),
    (() => {
      const id = nextId++;
      return {
        name: "extra top-level key",
        line: `{"jsonrpc":"2.0","id":${id},"method":"ping","extra":1}`,
        expect: "response",
        id,
      };
    })(),
  ] as WireCase[];
}

function protocolCases(): WireCase[] {
  const hugeStringId = "i".repeat(1_000_000);
  return [
    rpc("no/such/method", "{}"),
    rpc("__proto__", "{}"),
    rpc("constructor", undefined),
    rpc("tools/call", '{"name":123}'),
    rpc("tools/call", '{"name":null,"arguments":null}'),
    rpc("tools/call", '{"arguments":{}}'),
    rpc("tools/call", '{"name":"list_accounts","arguments":"a string"}'),
    rpc("tools/call", '{"name":"list_accounts","arguments":[1,2]}'),
    call("no_such_tool", "{}"),
    call("", "{}"),
    call("__proto__", "{}"),
    call("constructor", "{}"),
    call("hasOwnProperty", "{}"),
    call("toString", "{}"),
    call("LIST_ACCOUNTS", "{}"),
    call("list_accounts\u0000", "{}"),
    call("x".repeat(100_000), "{}"),
    {
      name: "1 MB string id",
      line: `{"jsonrpc":"2.0","id":"${hugeStringId}","method":"ping"}`,
      expect: "response",
      id: hugeStringId,
    },
    {
      name: "max safe integer id",
      line: `{"jsonrpc":"2.0","id":${2 ** 53 - 1},"method":"ping"}`,
      expect: "response",
      id: 2 ** 53 - 1,
    },
    {
      name: "negative id",
      line: `{"jsonrpc":"2.0","id":${-(2 ** 53 - 1)},"method":"ping"}`,
      expect: "response",
      id: -(2 ** 53 - 1),
    },
    {
      name: "empty string id",
      line: '{"jsonrpc":"2.0","id":"","method":"ping"}',
      expect: "response",
      id: "",
    },
  ];
}

function nullAndWrongTypes(tools: { name: string; properties: string[] }[]): WireCase[] {
  const values = ["null", "0", "-1", "1e308", "true", '""', "[]", "{}", "[null]", `"${"x".repeat(10_000)}"`];
  const cases: WireCase[] = [];
  for (const tool of tools) {
    cases.push(call(tool.name, "null", false));
    const allNull = `{${tool.properties.map((p) => `"${p}":null`).join(",")}}`;
    // list_accounts has no fields: {} is a valid call; the others all have a required field.
    cases.push(call(tool.name, allNull, tool.properties.length > 0));
    for (const property of tool.properties) {
      for (const value of values) {
        // Reads may accept an odd value (list_posts limit -1); writes never get far enough to send.
        cases.push(call(tool.name, `{"${property}":${value}}`, false));
      }
    }
  }
  return cases;
}

function hugePayloads(): WireCase[] {
  const urls = Array.from({ length: 100_000 }, (_, i) => `https://cdn.example.com/img/${i}.jpg`);
  const accounts = Array.from({ length: 10_000 }, (_, i) => ({ id: `acc-${i}` }));
  const ids = Array.from({ length: 100_000 }, (_, i) => `post-${i}`);
  const longCaption = JSON.stringify("a".repeat(2 * 1024 * 1024));
  return [
    call("schedule_post", `{"caption":${longCaption},"media":${video},"accounts":${account}}`),
    call(
      "schedule_post",
      `{"caption":"hi","media":{"type":"slideshow","urls":${JSON.stringify(urls)}},"accounts":${account}}`,
    ),
    call("schedule_post", `{"caption":"hi","media":${video},"accounts":${JSON.stringify(accounts)}}`),
    call("delete_posts", `{"postIds":${JSON.stringify(ids)}}`),
    call("retry_posts", `{"post_ids":${JSON.stringify(ids)}}`),
    call("update_post", `{"post_id":"${SEED_POST_IDS.draft}","caption":${longCaption}}`),
    call(
      "update_post",
      `{"post_id":"${SEED_POST_IDS.draft}","media":{"type":"slideshow","urls":${JSON.stringify(urls)}}}`,
    ),
  ];
}

function pollutionAndTraversal(): WireCase[] {
  const traversal = [
    "../accounts",
    "..%2faccounts",
    "%2e%2e%2f",
    "%2E%2E%2Faccounts",
    "..",
    ".",
    "a/../../b",
    "..\\\\..\\\\windows",
    "%00",
    "\\u0000",
    " ../x",
    "posts/../../__sandbox/reset",
  ];
  const deep = `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`;
  return [
    call(
      "schedule_post",
      `{"__proto__":{"isError":false},"caption":"hi","media":${video},"accounts":${account}}`,
    ),
    call(
      "schedule_post",
      `{"constructor":{"prototype":{"polluted":true}},"caption":"hi","accounts":${account}}`,
    ),
    call("schedule_post", `{"caption":"hi","media":${video},"accounts":[{"id":"x","__proto__":{"id":"y"}}]}`),
    call(
      "schedule_post",
      `{"caption":"hi","media":${video},"accounts":${account},"settings":{"__proto__":{}}}`,
    ),
    call("list_accounts", '{"__proto__":{"polluted":true}}', false),
    call("list_posts", '{"constructor":{"prototype":{"limit":5}}}'),
    call("update_post", `{"post_id":"__proto__","caption":"hi"}`, false),
    call("update_post", `{"post_id":"constructor","caption":"hi"}`, false),
    ...traversal.flatMap((id) => [
      call("get_post", `{"post_id":"${id}"}`),
      call("update_post", `{"post_id":"${id}","caption":"hi"}`),
      call("delete_posts", `{"postIds":["${id}"]}`),
      call("retry_posts", `{"post_ids":["${id}"]}`),
    ]),
    call("schedule_post", `{"caption":"hi","media":${deep},"accounts":${account}}`),
    call("list_accounts", `{"a":${deep}}`),
    rpc("tools/call", `{"name":"list_accounts","arguments":{},"_meta":${deep}}`, false),
  ];
}

function isFailure(response: RawResponse): boolean {
  return response.error !== undefined || response.result?.isError === true;
}

describe("fuzz over the raw stdio wire", () => {
  it("answers every request with an id, writes only JSON-RPC, sends nothing to the API, stays alive", async () => {
    const listing = await server.request("tools/list", {});
    const listed = (listing.result?.tools ?? []) as { name: string; inputSchema: { properties?: object } }[];
    const tools = listed.map((t) => ({
      name: t.name,
      properties: Object.keys(t.inputSchema.properties ?? {}),
    }));
    expect(tools.length).toBeGreaterThanOrEqual(7);

    const cases = [
      ...malformedLines(),
      ...protocolCases(),
      ...nullAndWrongTypes(tools),
      ...hugePayloads(),
      ...pollutionAndTraversal(),
    ];
    const anonymousBefore = server.anonymous.length;
    const pending: Promise<[WireCase, RawResponse]>[] = [];
    for (const c of cases) {
      if (c.expect === "response") {
        const id = c.id as Id;
        pending.push(server.response(id, 60_000).then((r) => [c, r]));
      }
      await server.sendLine(c.line);
    }
    // A line split across writes, and two messages in one write, with CRLF.
    const splitId = nextId++;
    const split = `{"jsonrpc":"2.0","id":${splitId},"method":"ping"}`;
    pending.push(
      server.response(splitId).then((r) => [{ name: "split line", line: split, expect: "response" }, r]),
    );
    server.child.stdin.write(split.slice(0, 10));
    await new Promise((resolve) => setTimeout(resolve, 50));
    await server.sendLine(split.slice(10));
    const [a, b] = [nextId++, nextId++];
    pending.push(server.response(a).then((r) => [{ name: "pair a", line: "", expect: "response" }, r]));
    pending.push(server.response(b).then((r) => [{ name: "pair b", line: "", expect: "response" }, r]));
    await server.sendLine(
      `\r\n{"jsonrpc":"2.0","id":${a},"method":"ping"}\r\n{"jsonrpc":"2.0","id":${b},"method":"ping"}\r`,
    );

    const answered = await Promise.all(pending);
    for (const [c, response] of answered) {
      expect(response.jsonrpc, c.name).toBe("2.0");
      if (c.mustFail) expect(isFailure(response), `${c.name} must fail`).toBe(true);
    }
    // Answers to lines without a readable id are written as the line is read: a final ping comes after them.
    const last = await server.request("ping", {});
    expect(last.result).toEqual({});
    const expectedAnonymous = cases.filter((c) => c.expect === "anonymous").length;
    expect(server.anonymous.length - anonymousBefore).toBe(expectedAnonymous);
    for (const reply of server.anonymous) expect(reply.error?.code).toBeTypeOf("number");

    expect(api.writes()).toEqual([]);
    expect(server.child.exitCode).toBeNull();
    expect(nonJsonRpcLines(server.lines)).toEqual([]);
    expect(server.stderr()).not.toMatch(/uncaught|unhandled/i);
    expect(server.stderr()).not.toContain(TEST_KEY);

    // Still works, and nothing leaked into its objects.
    const after = await server.request("tools/call", { name: "list_accounts", arguments: {} });
    expect(after.result?.isError).not.toBe(true);
    const structured = after.result?.structuredContent as { accounts: unknown[] };
    expect(structured.accounts.length).toBeGreaterThan(0);
    expect(JSON.stringify(after.result)).not.toContain("polluted");
  }, 120_000);

  it("answers a line over the size limit with its id, and keeps serving", async () => {
    const id = nextId++;
    const caption = "a".repeat(17 * 1024 * 1024);
    const waiting = server.response(id, 60_000);
    await server.sendLine(
      `{"method":"tools/call","params":{"name":"schedule_post","arguments":{"caption":"${caption}"}},"jsonrpc":"2.0","id":${id}}`,
    );
    const response = await waiting;
    expect(response.error?.code).toBe(-32600);
    expect(response.error?.message).toMatch(/too large.*limit/i);
    const ping = await server.request("ping", {});
    expect(ping.result).toEqual({});
    expect(api.writes()).toEqual([]);
  }, 60_000);
});
