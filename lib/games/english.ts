import { createRandom, shuffled } from "@/lib/ml/random";
import { checkTimeline, ImplausibleLogError } from "./plausibility";

export const ENGLISH_BANDS = ["starter", "core", "advanced"] as const;
export type EnglishBand = (typeof ENGLISH_BANDS)[number];
export type WordEntry = { word: string; definition: string };

export type EnglishItem =
  | { kind: "spelling"; definition: string; say: string }
  | { kind: "vocabulary"; definition: string; options: string[] }
  | { kind: "scramble"; definition: string; letters: string }
  | { kind: "grammar"; sentence: string; options: string[] };
export type EnglishMode = EnglishItem["kind"];
/** An item as the server keeps it: what the player sees plus the answer. */
export type DealtItem = { item: EnglishItem; answer: string };

export const ENGLISH_ITEMS = 8;

/** Sentences with one gap and the forms to choose from; the first option is the correct one. */
export const GRAMMAR_ITEMS: Record<EnglishBand, readonly { sentence: string; options: readonly string[] }[]> = {
  starter: [
    { sentence: "She ___ to school every day.", options: ["goes", "go", "going", "gone"] },
    { sentence: "They ___ happy today.", options: ["are", "is", "am", "be"] },
    { sentence: "I have two ___.", options: ["cats", "cat", "cates", "cat's"] },
    { sentence: "He ___ a red ball.", options: ["has", "have", "haves", "having"] },
    { sentence: "We ___ football yesterday.", options: ["played", "play", "plays", "playing"] },
    { sentence: "There ___ a bird in the tree.", options: ["is", "are", "be", "am"] },
    { sentence: "The dog is ___ than the cat.", options: ["bigger", "big", "biggest", "more big"] },
    { sentence: "Can you help ___?", options: ["me", "I", "my", "mine"] },
    { sentence: "I ___ like apples.", options: ["don't", "doesn't", "not", "isn't"] },
    { sentence: "This is ___ book.", options: ["my", "me", "I", "mine"] },
  ],
  core: [
    { sentence: "If it ___ tomorrow, we will stay inside.", options: ["rains", "rain", "will rain", "rained"] },
    { sentence: "She has lived here ___ 2015.", options: ["since", "for", "from", "during"] },
    { sentence: "I was reading when the phone ___.", options: ["rang", "rings", "was ringing", "has rung"] },
    { sentence: "Neither of the answers ___ correct.", options: ["is", "are", "were", "be"] },
    { sentence: "He asked me where I ___.", options: ["lived", "live", "do live", "am living"] },
    { sentence: "This is the ___ film I have ever seen.", options: ["best", "better", "good", "most good"] },
    { sentence: "We have ___ milk left.", options: ["little", "few", "a few", "many"] },
    { sentence: "By the time we arrived, the train ___.", options: ["had left", "left", "has left", "leaves"] },
    { sentence: "She is used to ___ early.", options: ["getting up", "get up", "got up", "gets up"] },
    { sentence: "The book ___ on the table belongs to me.", options: ["lying", "lie", "lays", "laid"] },
  ],
  advanced: [
    { sentence: "Had I known, I ___ differently.", options: ["would have acted", "would act", "had acted", "will have acted"] },
    { sentence: "The committee ___ divided over the proposal.", options: ["were", "was being", "are been", "be"] },
    { sentence: "It is essential that every student ___ the form.", options: ["submit", "submits", "submitted", "will submit"] },
    { sentence: "Not only ___ late, but he also forgot the tickets.", options: ["was he", "he was", "he is", "is he being"] },
    { sentence: "The data ___ that the effect is small.", options: ["suggest", "suggests to", "suggesting", "is suggest"] },
    { sentence: "Whom did you say ___ at the door?", options: ["was", "were", "is being", "be"] },
    { sentence: "She would rather you ___ tomorrow.", options: ["came", "come", "will come", "coming"] },
    { sentence: "Scarcely had we sat down ___ the lights went out.", options: ["when", "than", "then", "that"] },
    { sentence: "The results were ___ than we had hoped.", options: ["less conclusive", "lesser conclusive", "least conclusive", "less conclusively"] },
    { sentence: "He denied ___ the documents.", options: ["having seen", "to have saw", "to see", "have seen"] },
  ],
};

/** A scramble that differs from the word (a word of repeated letters may have none). */
export function scramble(word: string, random: () => number): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const letters = shuffled([...word], random).join("");
    if (letters !== word) return letters;
  }
  return [...word].reverse().join("");
}

/**
 * Deals the items of an English session from the word bank of a band (and, where the learner has
 * them, their course glossary terms of one word), seeded. Vocabulary options are the word and three
 * others of the same source.
 */
export function dealEnglish(options: { mode: EnglishMode; band: EnglishBand; seed: number; words: readonly WordEntry[]; count?: number }): DealtItem[] {
  const random = createRandom(options.seed);
  const count = options.count ?? ENGLISH_ITEMS;
  if (options.mode === "grammar") {
    return shuffled(GRAMMAR_ITEMS[options.band], random)
      .slice(0, count)
      .map((entry) => ({ item: { kind: "grammar", sentence: entry.sentence, options: shuffled(entry.options, random) }, answer: entry.options[0]! }));
  }
  const picked = shuffled(options.words, random).slice(0, count);
  return picked.map((entry): DealtItem => {
    switch (options.mode) {
      case "scramble":
        return { item: { kind: "scramble", definition: entry.definition, letters: scramble(entry.word.toLowerCase(), random) }, answer: entry.word };
      case "vocabulary": {
        const others = shuffled(
          options.words.filter((w) => w.word !== entry.word),
          random,
        ).slice(0, 3);
        return { item: { kind: "vocabulary", definition: entry.definition, options: shuffled([entry.word, ...others.map((o) => o.word)], random) }, answer: entry.word };
      }
      default: // spelling
        return { item: { kind: "spelling", definition: entry.definition, say: entry.word }, answer: entry.word };
    }
  });
}

export type EnglishAnswer = { t: number; answer: string };
export type EnglishResult = { correct: number; total: number; accuracy: number; durationMs: number; missed: WordEntry[]; marks: { given: string; expected: string; correct: boolean }[] };

/** Comparison ignores case and surrounding spaces; spelling is otherwise exact. */
export function sameAnswer(given: string, expected: string): boolean {
  return given.trim().toLocaleLowerCase("en") === expected.trim().toLocaleLowerCase("en");
}

/** Choosing takes at least this long after the item appears; typing a word takes longer. */
export const ENGLISH_MIN_CHOICE_MS = 300;
export const ENGLISH_MIN_MS_PER_LETTER = 60;

export function scoreEnglish(dealt: readonly DealtItem[], answers: readonly EnglishAnswer[]): EnglishResult {
  checkTimeline(
    answers.map((a) => a.t),
    { minGapMs: ENGLISH_MIN_CHOICE_MS, what: "answers" },
  );
  if (answers.length > dealt.length) throw new ImplausibleLogError("The game log has more answers than the game has items.");
  if (answers.length < dealt.length) throw new ImplausibleLogError("The game log stops before the last item was answered.");
  let previous = 0;
  const marks = answers.map((answer, i) => {
    const { item, answer: expected } = dealt[i]!;
    const typed = item.kind === "spelling" || item.kind === "scramble";
    if (typed && answer.t - previous < expected.length * ENGLISH_MIN_MS_PER_LETTER) {
      throw new ImplausibleLogError(`Answer ${i + 1} was typed in ${answer.t - previous} ms, faster than humanly possible for a ${expected.length}-letter word.`);
    }
    previous = answer.t;
    return { given: answer.answer, expected, correct: sameAnswer(answer.answer, expected) };
  });
  const correct = marks.filter((m) => m.correct).length;
  const missed = dealt
    .map((d, i) => ({ d, mark: marks[i] }))
    .filter(({ d, mark }) => d.item.kind !== "grammar" && (!mark || !mark.correct))
    .map(({ d }) => ({ word: d.answer, definition: "definition" in d.item ? d.item.definition : "" }));
  return { correct, total: dealt.length, accuracy: dealt.length ? Math.round((1000 * correct) / dealt.length) / 10 : 0, durationMs: previous, missed, marks };
}
