import { describe, expect, it } from "vitest";
import { findUnsafeMarkdown, isAllowedUrl } from "./markdown";

describe("isAllowedUrl", () => {
  it.each([
    "https://example.com",
    "http://a.test/x?y=1",
    "mailto:a@b.test",
    "/courses/x",
    "lessons/y",
    "#top",
    "?q=a:b",
    "a/b:c",
    "//cdn.test/x.png",
    "MAILTO:x@y.test",
  ])("allows %s", (url) => expect(isAllowedUrl(url)).toBe(true));

  it.each([
    "javascript:alert(1)",
    "JavaScript:alert(1)",
    " javascript:alert(1)",
    "java\tscript:alert(1)",
    "data:text/html,x",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "ftp://x.test",
  ])("refuses %j", (url) => expect(isAllowedUrl(url)).toBe(false));
});

describe("findUnsafeMarkdown", () => {
  it("accepts plain Markdown, comparisons and HTML inside code", () => {
    expect(
      findUnsafeMarkdown(
        "A **b** [c](https://d.test) <https://e.test> if x < 3 and y > 2.\n\n```html\n<div>ok</div>\n```\n\nUse `<b>`.",
      ),
    ).toEqual([]);
  });

  it("reports raw HTML tags and comments", () => {
    expect(findUnsafeMarkdown("<script>alert(1)</script> and <IMG src=x onerror=alert(1)>")).toEqual([
      "contains raw HTML (<script>, <img>), which is never rendered; write it in Markdown instead",
    ]);
    expect(findUnsafeMarkdown("text <!-- hidden --> text")).toEqual([
      "contains raw HTML (a comment or declaration), which is never rendered; remove it",
    ]);
  });

  it("reports links and images with other schemes, however they are written", () => {
    const message = (scheme: string) => [
      `links to a ${scheme} URL, which is never rendered; use an http(s), mailto or relative URL`,
    ];
    expect(findUnsafeMarkdown("[x](javascript:alert(1))")).toEqual(message("javascript:"));
    expect(findUnsafeMarkdown("[x](<javascript:alert(1)>)")).toEqual(message("javascript:"));
    expect(findUnsafeMarkdown("[x](jav&#x61;script:alert(1))")).toEqual(message("javascript:"));
    expect(findUnsafeMarkdown("![x](data:image/png;base64,AAAA)")).toEqual(message("data:"));
    expect(findUnsafeMarkdown("[x][r]\n\n[r]: vbscript:msgbox")).toEqual(message("vbscript:"));
    expect(findUnsafeMarkdown("<javascript:alert(1)>")).toEqual(message("javascript:"));
  });
});
