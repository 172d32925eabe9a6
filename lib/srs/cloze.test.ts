import { describe, expect, it } from "vitest";
import { clozeAnswer, clozeBack, clozeFront, clozeNumbers } from "./cloze";

const text = "{{c1::Canberra}} is the capital of {{c2::Australia::country}}; {{c1::it}} was founded in 1913.";

describe("cloze deletions", () => {
  it("finds each cloze number once, ascending", () => {
    expect(clozeNumbers(text)).toEqual([1, 2]);
    expect(clozeNumbers("{{c3::a}} {{c1::b}} {{c3::c}}")).toEqual([1, 3]);
    expect(clozeNumbers("no deletions {{c0::zero}} {{x1::y}}")).toEqual([]);
    expect(clozeNumbers("{{c51::too far}}")).toEqual([]);
  });

  it("hides the card's own deletions and answers the others", () => {
    expect(clozeFront(text, 1)).toBe("**[…]** is the capital of Australia; **[…]** was founded in 1913.");
    expect(clozeFront(text, 2)).toBe("Canberra is the capital of **[country]**; it was founded in 1913.");
  });

  it("shows the card's deletions in bold on the back", () => {
    expect(clozeBack(text, 2)).toBe("Canberra is the capital of **Australia**; it was founded in 1913.");
  });

  it("asks for every deletion of the card's number", () => {
    expect(clozeAnswer(text, 1)).toBe("Canberra, it");
    expect(clozeAnswer(text, 2)).toBe("Australia");
    expect(clozeAnswer(text, 3)).toBe("");
  });

  it("keeps Markdown and multi-line answers", () => {
    const multi = "Code: {{c1::`SELECT *`}}\nand {{c2::two\nlines}}";
    expect(clozeFront(multi, 2)).toBe("Code: `SELECT *`\nand **[…]**");
    expect(clozeAnswer(multi, 2)).toBe("two\nlines");
  });
});
