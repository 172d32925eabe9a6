import { afterEach, describe, expect, it, vi } from "vitest";
import { newReviewId } from "./review-id";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("review ids", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("are v4 UUIDs, also where randomUUID is missing (plain HTTP)", () => {
    expect(newReviewId()).toMatch(UUID_V4);
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
    const ids = new Set(Array.from({ length: 100 }, () => newReviewId()));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(UUID_V4);
  });
});
