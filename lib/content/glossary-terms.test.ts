import { renderToStaticMarkup } from "react-dom/server";
import { createElement } from "react";
import ReactMarkdown from "react-markdown";
import { describe, expect, it } from "vitest";
import { GLOSSARY_ELEMENT, remarkGlossaryTerms } from "./glossary-terms";

const terms = [
  { term: "tuning", definition: "Adjusting." },
  { term: "fine-tuning", definition: "Training a pretrained model further." },
  { term: "head", definition: "The last layers." },
];

function render(markdown: string) {
  return renderToStaticMarkup(
    createElement(
      ReactMarkdown,
      {
        remarkPlugins: [remarkGlossaryTerms(terms)],
        components: { [GLOSSARY_ELEMENT]: ({ children, ...props }: { children?: unknown; "data-term"?: string }) => `[${String(children)}#${props["data-term"]}]` } as never,
      },
      markdown,
    ),
  );
}

describe("glossary terms in lesson text", () => {
  it("marks the first whole-word occurrence of each term, any case, longest term first", () => {
    expect(render("Fine-tuning trains the head. Then more fine-tuning, and a new head.")).toBe(
      "<p>[Fine-tuning#1] trains the [head#2]. Then more fine-tuning, and a new head.</p>",
    );
  });

  it("leaves words that only contain a term, links, code and headings alone", () => {
    expect(render("# Head\n\nAhead, [head](https://x.test) and `head` stay; tuning counts.")).toBe(
      '<h1>Head</h1>\n<p>Ahead, <a href="https://x.test">head</a> and <code>head</code> stay; [tuning#0] counts.</p>',
    );
  });
});
