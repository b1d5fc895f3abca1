// Some hosts send an object or array argument as a JSON string ("{\"type\":\"video\",…}"). Where the
// schema expects an object or array and a string arrives, decode it before validation. Guided by the
// schema, so a caption that happens to start with "[" is left alone.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

function expectsContainer(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes("object") || types.includes("array")) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(expectsContainer);
}

function acceptsString(schema: JsonSchema): boolean {
  const types = Array.isArray(schema.type) ? schema.type : schema.type ? [schema.type] : [];
  if (types.includes("string")) return true;
  return [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])].some(acceptsString);
}

function branches(schema: JsonSchema): JsonSchema[] {
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? [])];
  return [schema, ...nested.flatMap(branches)];
}

export function decodeJsonStrings(value: unknown, schema: JsonSchema): unknown {
  let current = value;
  if (typeof current === "string" && expectsContainer(schema) && !acceptsString(schema)) {
    const trimmed = current.trim();
    if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
      try {
        current = JSON.parse(trimmed);
      } catch {
        return value; // not JSON after all: let validation say what is wrong
      }
    }
  }
  if (Array.isArray(current)) {
    const itemSchema = branches(schema).find((s) => s.items)?.items;
    return itemSchema ? current.map((item) => decodeJsonStrings(item, itemSchema)) : current;
  }
  if (current !== null && typeof current === "object") {
    const props = branches(schema).filter((s) => s.properties);
    if (props.length === 0) return current;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(current)) {
      const childSchema = props.map((s) => s.properties?.[key]).find(Boolean);
      // defineProperty, not assignment: a "__proto__" key must stay data, never a prototype.
      Object.defineProperty(out, key, {
        value: childSchema ? decodeJsonStrings(child, childSchema) : child,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return current;
}
