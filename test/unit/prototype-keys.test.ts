import { expect, it } from "vitest";
import { prototypeKeyPath } from "../../src/server.js";

it("finds keys that could reach a prototype, at any depth", () => {
  expect(prototypeKeyPath(JSON.parse('{"media":{"type":"video","__proto__":{"x":1}}}'))).toBe(
    "media.__proto__",
  );
  expect(prototypeKeyPath(JSON.parse('{"accounts":[{"id":"a"},{"constructor":{}}]}'))).toBe(
    "accounts[1].constructor",
  );
  expect(prototypeKeyPath({ settings: { youtube: { prototype: 1 } } })).toBe("settings.youtube.prototype");
  // What JSON.parse followed by a copy by assignment leaves: the key became the prototype.
  const copied = Object.assign({}, JSON.parse('{"__proto__":{"polluted":true}}'));
  expect(prototypeKeyPath({ ...copied, caption: "x" })).toBeUndefined(); // spread drops it: nothing left to see
  expect(prototypeKeyPath(Object.create({ polluted: true }))).toBe("__proto__");
});

it("passes ordinary arguments", () => {
  expect(
    prototypeKeyPath({
      caption: "__proto__ is a fine word",
      media: { type: "video", url: "https://x/y.mp4" },
    }),
  ).toBeUndefined();
  expect(prototypeKeyPath(undefined)).toBeUndefined();
  expect(prototypeKeyPath(Object.create(null))).toBeUndefined();
});
