import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Markdown } from "./markdown";

const render = (markdown: string) => renderToStaticMarkup(<Markdown>{markdown}</Markdown>);

describe("Markdown", () => {
  it("renders Markdown and GFM", () => {
    const html = render("Some **bold** and a [link](https://example.com).\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n~~gone~~");
    expect(html).toContain("<strong>bold</strong>");
    expect(html).toContain('href="https://example.com"');
    expect(html).toContain('rel="noopener noreferrer"');
    expect(html).toContain("<table");
    expect(html).toContain("<del>gone</del>");
  });

  it("keeps http(s), mailto and relative URLs", () => {
    const html = render("[a](http://a.test) [b](mailto:b@c.test) [c](/courses/x) [d](lessons/y#top) ![e](images/e.png)");
    expect(html).toContain('href="http://a.test"');
    expect(html).toContain('href="mailto:b@c.test"');
    expect(html).toContain('href="/courses/x"');
    expect(html).toContain('href="lessons/y#top"');
    expect(html).toContain('src="images/e.png"');
  });

  // Live markup: a tag other than the ones Markdown itself produces, an event-handler attribute, or
  // a URL attribute with a scheme that runs code.
  function expectInert(html: string) {
    const tags = [...html.matchAll(/<([a-z][a-z0-9]*)/gi)].map((match) => match[1]!.toLowerCase());
    for (const tag of tags) expect(["div", "p", "a", "strong", "em", "code", "pre", "del", "img"]).toContain(tag);
    expect(html).not.toMatch(/<[^>]*\son[a-z]+\s*=/i);
    expect(html).not.toMatch(/(?:href|src)\s*=\s*["']?\s*(?:javascript|data|vbscript):/i);
  }

  it.each([
    ["a script block", "<script>alert(1)</script>"],
    ["an inline script", "Hello <script>alert(1)</script> world"],
    ["a javascript: link", "[x](javascript:alert(1))"],
    ["an encoded javascript: link", "[x](jav&#x61;script:alert(1))"],
    ["a javascript: link with a tab in the scheme", "[x](java&#9;script:alert(1))"],
    ["a javascript: autolink", "<javascript:alert(1)>"],
    ["a javascript: reference link", "[x][r]\n\n[r]: javascript:alert(1)"],
    ["a data: image", "![x](data:image/svg+xml;base64,PHN2Zz4=)"],
    ["a vbscript: link", "[x](vbscript:msgbox)"],
    ["an img with onerror", "<img src=x onerror=alert(1)>"],
    ["an inline img with onerror", "text <img src=x onerror=alert(1)> text"],
    ["an iframe", '<iframe src="https://evil.test"></iframe>'],
    ["a b with onclick", "<b onclick=alert(1)>bold</b>"],
    ["a style tag", "<style>body{display:none}</style>"],
  ])("never outputs %s as live markup", (_name, markdown) => {
    const html = render(markdown);
    expectInert(html);
    expect(html).not.toMatch(/<(?:script|iframe|style|b)\b/i);
  });

  it("shows HTML written in code as text", () => {
    const html = render("Use `<b>` for bold.");
    expect(html).toContain("<code");
    expect(html).toContain("&lt;b&gt;");
  });
});
