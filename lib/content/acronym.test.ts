import { describe, expect, it } from "vitest";
import { parseAcronym } from "./acronym";

const keyed = (text: string) => parseAcronym(text)?.expansions.map((e) => `${e.before}[${e.letter}]${e.after}`);

describe("acronym memory aids", () => {
  it("skips connectives and marks the letter each expansion is remembered by", () => {
    expect(keyed("PVF: Price, then Variable cost, then Fixed costs.")).toEqual(["[P]rice", "then [V]ariable cost", "then [F]ixed costs"]);
  });

  it("keeps a sentence after the list as a note", () => {
    const acronym = parseAcronym("FWSOL: From, Where, Select, Order, Limit. The order the database thinks in.");
    expect(acronym?.expansions.map((e) => e.letter)).toEqual(["F", "W", "S", "O", "L"]);
    expect(acronym?.expansions[4]).toEqual({ before: "", letter: "L", after: "imit" });
    expect(acronym?.note).toBe("The order the database thinks in.");
  });

  it("takes only the capitals of a word with lower-case fillers as key letters", () => {
    const acronym = parseAcronym("CLiP: CAC, LTV, Payback. Clip all three together before judging a channel.");
    expect(acronym?.keyLetters).toEqual([true, true, false, true]);
    expect(keyed("CLiP: CAC, LTV, Payback.")).toEqual(["[C]AC", "[L]TV", "[P]ayback"]);
  });

  it("reads the shipped acronyms", () => {
    expect(keyed("FWGHSOL: From, Where, Group by, Having, Select, Order by, Limit.")).toHaveLength(7);
    expect(keyed("FAST: Features are general, Annotations needed drop, Shorter training, Task similarity matters.")).toEqual([
      "[F]eatures are general",
      "[A]nnotations needed drop",
      "[S]horter training",
      "[T]ask similarity matters",
    ]);
  });

  it("finds the key letter inside an expansion when it does not lead", () => {
    expect(keyed("ABC: the Apple, a Banana, the Cherry")).toEqual(["the [A]pple", "a [B]anana", "the [C]herry"]);
  });

  it("returns null when the text is not an acronym list", () => {
    expect(parseAcronym("Formats Aid Studying Together.")).toBeNull();
    expect(parseAcronym("ABC: one, two")).toBeNull();
    expect(parseAcronym("ABC: Apple, Banana, Melon")).toBeNull();
  });
});
