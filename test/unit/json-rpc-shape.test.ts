// The hand-written message check agrees with the SDK's own JSONRPCMessageSchema on every case here.
import { JSONRPCMessageSchema } from "@modelcontextprotocol/sdk/types.js";
import { expect, it } from "vitest";
import { isJsonRpcMessage } from "../../src/transports/json-rpc-lines.js";

const CASES: unknown[] = [
  { jsonrpc: "2.0", id: 1, method: "tools/list" },
  { jsonrpc: "2.0", id: "a", method: "tools/call", params: { name: "x", arguments: {} } },
  { jsonrpc: "2.0", method: "notifications/initialized" },
  { jsonrpc: "2.0", method: "notifications/cancelled", params: { requestId: 1 } },
  { jsonrpc: "2.0", id: 1, result: {} },
  { jsonrpc: "2.0", id: 1, result: { content: [] } },
  { jsonrpc: "2.0", id: 1, error: { code: -32600, message: "x" } },
  { jsonrpc: "2.0", id: 1, error: { code: -32600, message: "x", data: { a: 1 } } },
  { jsonrpc: "2.0", error: { code: -32700, message: "x" } },
  { jsonrpc: "1.0", id: 1, method: "x" },
  { jsonrpc: "2.0", id: 1.5, method: "x" },
  { jsonrpc: "2.0", id: null, method: "x" },
  { jsonrpc: "2.0", id: true, method: "x" },
  { jsonrpc: "2.0", id: 1, method: 5 },
  { jsonrpc: "2.0", id: 1, method: "x", params: [1, 2] },
  { jsonrpc: "2.0", id: 1, method: "x", params: "p" },
  { jsonrpc: "2.0", id: 1, method: "x", extra: 1 },
  { jsonrpc: "2.0", method: "x", extra: 1 },
  { jsonrpc: "2.0", id: 1, result: "r" },
  { jsonrpc: "2.0", id: 1, result: {}, extra: 1 },
  { jsonrpc: "2.0", id: 1, error: { code: "x", message: "y" } },
  { jsonrpc: "2.0", id: 1, error: { code: 1.5, message: "y" } },
  { jsonrpc: "2.0", id: 1, error: { code: 1 } },
  { jsonrpc: "2.0", id: 1 },
  { jsonrpc: "2.0" },
  [],
  null,
  "x",
  5,
];

it.each(CASES.map((c) => [JSON.stringify(c), c]))("%s", (_label, value) => {
  expect(isJsonRpcMessage(value)).toBe(JSONRPCMessageSchema.safeParse(value).success);
});
