import { describe, expect, it } from "vitest";
import {
  cancelledError,
  type FailureFacts,
  timeoutError,
  toProviderError,
} from "../../src/providers/genviral/request-failure.js";

const facts = (overrides: Partial<FailureFacts> = {}, attempts = 3): FailureFacts => ({
  write: undefined,
  progress: { attempts, startedAt: 0, budgetMs: 45_000, ambiguous: false },
  timeoutMs: 15_000,
  totalBudgetMs: 45_000,
  apiOrigin: "https://api.example.test",
  ...overrides,
});
const create = { action: "create", externalId: "ext-1", next: 'repeat with external_id "ext-1".' };

describe("timeoutError", () => {
  it("says how long, how many attempts, and that a read changed nothing", () => {
    const error = timeoutError(facts(), 45_200);
    expect(error.message).toMatch(/did not answer within 45.2 s \(3 attempts, each given at most 15 s\)/);
    expect(error.message).toMatch(/Nothing was changed/);
    expect(error.toJSON()).toMatchObject({ kind: "timeout", write_may_have_happened: false, attempts: 3 });
  });

  it("says a write may have happened, in that write's words, with its external_id", () => {
    const error = timeoutError(facts({ write: create }), 1_000);
    expect(error.message).toMatch(/The create may or may not have happened: repeat with external_id "ext-1"/);
    expect(error.toJSON()).toMatchObject({ write_may_have_happened: true, external_id: "ext-1" });
  });

  it("says nothing was sent when the budget ran out before the first attempt", () => {
    const error = timeoutError(facts({ write: create }, 0));
    expect(error.message).toMatch(/used up its 45 s time budget.*Nothing was sent/);
    expect(error.writeMayHaveHappened).toBe(false);
  });
});

describe("cancelledError", () => {
  it("flags a write only once it was sent", () => {
    expect(cancelledError(facts({ write: create }, 0)).writeMayHaveHappened).toBe(false);
    expect(cancelledError(facts({ write: create }, 1)).writeMayHaveHappened).toBe(true);
  });
});

describe("toProviderError", () => {
  it("tells a refused connection (nothing sent) from a dropped one (a write may have happened)", () => {
    const refused = new TypeError("fetch failed", {
      cause: Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" }),
    });
    const dropped = new TypeError("fetch failed", {
      cause: Object.assign(new Error("other side closed"), { code: "UND_ERR_SOCKET" }),
    });
    const a = toProviderError(refused, facts({ write: create }, 1), false);
    expect(a.message).toMatch(/connection refused.*Nothing reached the API/);
    expect(a.writeMayHaveHappened).toBe(false);
    const b = toProviderError(dropped, facts({ write: create }, 1), false);
    expect(b.message).toMatch(/failed or dropped.*may or may not have happened/);
    expect(b.writeMayHaveHappened).toBe(true);
  });

  it("keeps an earlier ambiguous attempt in mind even when the last one was refused", () => {
    const refused = new TypeError("fetch failed", { cause: { code: "ECONNREFUSED" } });
    const f = facts({ write: create }, 2);
    f.progress.ambiguous = true;
    expect(toProviderError(refused, f, false).writeMayHaveHappened).toBe(true);
  });

  it("reports a cancellation as such, whatever the error", () => {
    expect(toProviderError(new DOMException("aborted", "AbortError"), facts(), true).kind).toBe("cancelled");
  });
});
