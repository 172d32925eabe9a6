import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./redirect";

describe("safeRedirectPath", () => {
  it("keeps a same-site path with its query", () => {
    expect(safeRedirectPath("/lab?run=3", "/dashboard")).toBe("/lab?run=3");
  });

  it.each(["https://evil.example/", "//evil.example", "/\\evil.example", "dashboard", "", "/a\nb", 42, null])(
    "refuses %j",
    (value) => {
      expect(safeRedirectPath(value, "/dashboard")).toBe("/dashboard");
    },
  );
});
