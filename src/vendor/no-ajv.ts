// Stands in for the MCP SDK's Ajv-based JSON Schema validator in the bundle (scripts/build.ts aliases
// it here). The SDK's Server uses that validator only for elicitation, which this server never
// requests, and Ajv would add its code and its compiled meta-schemas to every process.
export class AjvJsonSchemaValidator {
  getValidator(): never {
    throw new Error("genviral-mcp does not validate elicitation schemas (it never elicits)");
  }
}
