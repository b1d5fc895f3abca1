import { describe, expect, it } from "vitest";
import {
  classifyLine,
  INVALID_PARAMS,
  INVALID_REQUEST,
  type LineOutcome,
  LineSplitter,
  oversizedLine,
  PARSE_ERROR,
  protoKeyPath,
} from "../../src/transports/json-rpc-lines.js";

const reply = (outcome: LineOutcome) => {
  if (outcome.kind !== "reply") throw new Error(`expected a reply, got ${outcome.kind}`);
  return outcome.reply as { id?: unknown; error: { code: number; message: string } };
};

describe("classifyLine", () => {
  it("passes valid messages through", () => {
    const outcome = classifyLine('{"jsonrpc":"2.0","id":1,"method":"ping"}');
    expect(outcome).toEqual({ kind: "message", message: { jsonrpc: "2.0", id: 1, method: "ping" } });
  });

  it("skips blank lines", () => {
    expect(classifyLine("   ")).toEqual({ kind: "skip" });
  });

  it("answers broken JSON with a parse error that does not echo the input", () => {
    const r = reply(classifyLine('{"secret":"gva_x.y'));
    expect(r.error.code).toBe(PARSE_ERROR);
    expect(r.id).toBeUndefined();
    expect(r.error.message).not.toContain("gva_x");
  });

  it("answers an invalid request with its id when it has a usable one and a method", () => {
    const r = reply(classifyLine('{"jsonrpc":"2.0","id":7,"method":"tools/call","params":"x"}'));
    expect(r).toMatchObject({ id: 7, error: { code: INVALID_REQUEST } });
    expect(r.error.message).toMatch(/params/);
  });

  it("answers without an id when the id is unusable or the line is no request", () => {
    for (const line of [
      '{"jsonrpc":"2.0","id":1.5,"method":"ping"}',
      '{"jsonrpc":"2.0","id":{"a":1},"method":"ping"}',
      '{"jsonrpc":"2.0","id":3}',
      "[]",
      "42",
    ]) {
      expect(reply(classifyLine(line)).id, line).toBeUndefined();
    }
  });

  it("refuses a __proto__ key anywhere, naming where", () => {
    const r = reply(
      classifyLine(
        '{"jsonrpc":"2.0","id":"a","method":"tools/call","params":{"name":"x","arguments":{"media":{"__proto__":{}}}}}',
      ),
    );
    expect(r).toMatchObject({ id: "a", error: { code: INVALID_PARAMS } });
    expect(r.error.message).toContain("params.arguments.media.__proto__");
    // Notifications get no answer.
    expect(classifyLine('{"jsonrpc":"2.0","method":"x","params":{"__proto__":1}}')).toEqual({ kind: "skip" });
  });
});

describe("protoKeyPath", () => {
  it("finds the key in arrays and deep objects without recursion", () => {
    expect(protoKeyPath(JSON.parse('{"a":[{"b":1},{"__proto__":2}]}'))).toBe("a[1].__proto__");
    const deep = JSON.parse(`${'{"a":'.repeat(50_000)}1${"}".repeat(50_000)}`);
    expect(protoKeyPath(deep)).toBeUndefined();
    expect(protoKeyPath({ constructor: { prototype: 1 } })).toBeUndefined();
  });
});

describe("oversizedLine", () => {
  it("finds the id where clients put it: last key or first key", () => {
    expect(
      reply(oversizedLine('{"method":"x","params":{"a":"', '…"}},"jsonrpc":"2.0","id":42}', 1e9, 1e6)).id,
    ).toBe(42);
    expect(reply(oversizedLine('{"jsonrpc":"2.0","id":"req-9","method":"x"', "…}", 1e9, 1e6)).id).toBe(
      "req-9",
    );
    expect(reply(oversizedLine('{"method":"x"', '…,"params":{"id":5}}', 1e9, 1e6)).id).toBeUndefined();
  });
});

describe("LineSplitter", () => {
  const collect = (max = 1024) => {
    const outcomes: LineOutcome[] = [];
    return { outcomes, splitter: new LineSplitter(max, (o) => outcomes.push(o)) };
  };

  it("joins lines split across chunks and splits chunks holding several lines, CRLF included", () => {
    const { outcomes, splitter } = collect();
    splitter.push(Buffer.from('{"jsonrpc":"2.0","id":1,'));
    splitter.push(Buffer.from('"method":"ping"}\r\n{"jsonrpc":"2.0","id":2,"method":"ping"}\n\n'));
    expect(outcomes.map((o) => (o.kind === "message" ? (o.message as { id: number }).id : o.kind))).toEqual([
      1,
      2,
      "skip",
    ]);
  });

  it("does not split a multi-byte character across chunks", () => {
    const { outcomes, splitter } = collect();
    const bytes = Buffer.from('{"jsonrpc":"2.0","id":"é✓","method":"ping"}\n');
    for (const byte of bytes) splitter.push(Buffer.from([byte]));
    expect(outcomes).toEqual([{ kind: "message", message: { jsonrpc: "2.0", id: "é✓", method: "ping" } }]);
  });

  it("replies to a line over the limit with its id and carries on", () => {
    const { outcomes, splitter } = collect(100);
    splitter.push(Buffer.from(`{"jsonrpc":"2.0","method":"ping","params":{"x":"${"a".repeat(500)}`));
    splitter.push(Buffer.from(`${"b".repeat(500)}"},"id":9}\n{"jsonrpc":"2.0","id":10,"method":"ping"}\n`));
    expect(reply(outcomes[0] as LineOutcome)).toMatchObject({ id: 9, error: { code: INVALID_REQUEST } });
    expect(reply(outcomes[0] as LineOutcome).error.message).toMatch(/1\d{3} bytes.*100-byte limit/);
    expect(outcomes[1]).toMatchObject({ kind: "message", message: { id: 10 } });
  });
});
