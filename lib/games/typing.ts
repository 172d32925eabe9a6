import { checkTimeline, ImplausibleLogError, MAX_WPM } from "./plausibility";

/**
 * One keypress of a typing test: `t` ms since the first keypress, `k` the character typed (a single
 * character, " " for space) or "\b" for Backspace.
 */
export type Keystroke = { t: number; k: string };

export const BACKSPACE = "\b";

/** The state of the test after some keystrokes: what was typed into each word so far. */
export type TypingState = { inputs: string[]; word: number };

/**
 * Applies keystrokes the way Monkeytype does: a space submits the current word (ignored while the
 * word is empty), Backspace deletes in the current word and, at its start, steps back into the
 * previous word only if that word is wrong (a correct word is locked).
 */
export function applyKeystrokes(words: readonly string[], keys: readonly Keystroke[]): TypingState {
  const inputs: string[] = [""];
  let word = 0;
  for (const { k } of keys) {
    if (word >= words.length) break;
    if (k === BACKSPACE) {
      if (inputs[word]!.length > 0) inputs[word] = inputs[word]!.slice(0, -1);
      else if (word > 0 && inputs[word - 1] !== words[word - 1]) {
        inputs.pop();
        word -= 1;
      }
    } else if (k === " ") {
      if (inputs[word]!.length === 0) continue;
      word += 1;
      if (word < words.length) inputs.push("");
    } else {
      inputs[word] += k;
      // Words mode ends the moment the last word is typed correctly (no trailing space needed).
      if (word === words.length - 1 && inputs[word] === words[word]) word += 1;
    }
  }
  return { inputs, word };
}

export type TypingMetrics = {
  /** Correctly typed word characters incl. the spaces after correct words, / 5, per minute. */
  wpm: number;
  /** All typed characters (every keypress but Backspace), / 5, per minute. */
  raw: number;
  /** Correct keypresses / all keypresses (Backspace excluded), in percent. */
  accuracy: number;
  /** 100 × (1 − tanh(c + c³/3 + c⁵/5)), c the coefficient of variation of per-second raw wpm. */
  consistency: number;
  chars: { correct: number; incorrect: number; extra: number; missed: number };
  /** Per expected key: how often it was due and how often something else was typed instead. */
  keys: Record<string, { typed: number; errors: number }>;
  /** Words submitted or left wrong: candidates for review. */
  missedWords: string[];
  wordsCompleted: number;
  durationMs: number;
};

/**
 * Monkeytype's result figures (https://github.com/monkeytypegame/monkeytype, "countChars" and
 * "calculateConsistency") from a keystroke log. `durationMs` is the test's length: the time limit
 * in timed modes, the last keystroke in words mode.
 */
export function typingMetrics(words: readonly string[], keys: readonly Keystroke[], durationMs: number): TypingMetrics {
  const { inputs, word: current } = applyKeystrokes(words, keys);
  let correctWordChars = 0;
  let correctSpaces = 0;
  const chars = { correct: 0, incorrect: 0, extra: 0, missed: 0 };
  const missedWords: string[] = [];
  let wordsCompleted = 0;
  inputs.forEach((input, i) => {
    const target = words[i]!;
    const submitted = i < current;
    if (input === target) {
      correctWordChars += target.length;
      chars.correct += target.length;
      if (submitted && i < words.length - 1) correctSpaces += 1;
      if (submitted) wordsCompleted += 1;
      return;
    }
    let correctHere = 0;
    for (let c = 0; c < Math.min(input.length, target.length); c++) {
      if (input[c] === target[c]) correctHere += 1;
      else chars.incorrect += 1;
    }
    chars.correct += correctHere;
    if (input.length > target.length) chars.extra += input.length - target.length;
    if (submitted) {
      chars.missed += Math.max(0, target.length - input.length);
      missedWords.push(target);
    } else if (correctHere === input.length) {
      // The word in progress when time ran out counts if what was typed so far is right.
      correctWordChars += correctHere;
    }
  });

  // Accuracy and per-key stats judge each keypress against the text at the moment it was typed.
  let pressed = 0;
  let correctPresses = 0;
  const keyStats: Record<string, { typed: number; errors: number }> = {};
  const replay: string[] = [""];
  let at = 0;
  const perSecond: number[] = [];
  for (const key of keys) {
    if (at >= words.length) break;
    if (key.k === BACKSPACE) {
      if (replay[at]!.length > 0) replay[at] = replay[at]!.slice(0, -1);
      else if (at > 0 && replay[at - 1] !== words[at - 1]) {
        replay.pop();
        at -= 1;
      }
      continue;
    }
    // The keystroke that ends a words test lands exactly on the duration: it belongs to the last second.
    const second = Math.min(Math.floor(key.t / 1000), Math.max(0, Math.ceil(durationMs / 1000) - 1));
    perSecond[second] = (perSecond[second] ?? 0) + 1;
    pressed += 1;
    const target = words[at]!;
    if (key.k === " ") {
      const right = replay[at] === target;
      if (right) correctPresses += 1;
      tally(keyStats, "space", right);
      if (replay[at]!.length === 0) continue;
      at += 1;
      if (at < words.length) replay.push("");
      continue;
    }
    const expected = target[replay[at]!.length];
    // Right only if it continues a correct prefix: after an uncorrected error every key is wrong.
    const right = target.startsWith(replay[at]! + key.k);
    if (right) correctPresses += 1;
    tally(keyStats, expected ?? "extra", right);
    replay[at] += key.k;
    if (at === words.length - 1 && replay[at] === target) at += 1;
  }

  const minutes = durationMs / 60_000;
  const wpm = minutes > 0 ? (correctWordChars + correctSpaces) / 5 / minutes : 0;
  const raw = minutes > 0 ? pressed / 5 / minutes : 0;
  return {
    wpm: round2(wpm),
    raw: round2(raw),
    accuracy: pressed > 0 ? round2((100 * correctPresses) / pressed) : 0,
    consistency: round2(consistency(perSecondRaw(perSecond, durationMs))),
    chars,
    keys: keyStats,
    missedWords,
    wordsCompleted,
    durationMs,
  };
}

function tally(stats: Record<string, { typed: number; errors: number }>, key: string, right: boolean) {
  const entry = (stats[key] ??= { typed: 0, errors: 0 });
  entry.typed += 1;
  if (!right) entry.errors += 1;
}

/** Raw wpm in each second of the test; a last partial second is scaled to its length. */
export function perSecondRaw(counts: readonly (number | undefined)[], durationMs: number): number[] {
  const seconds = Math.max(1, Math.ceil(durationMs / 1000));
  const out: number[] = [];
  for (let s = 0; s < seconds; s++) {
    const length = Math.min(1000, durationMs - s * 1000) / 1000;
    if (length <= 0) break;
    out.push(((counts[s] ?? 0) / 5) * (60 / length));
  }
  return out;
}

/** Monkeytype's consistency: 100 × (1 − tanh(c + c³/3 + c⁵/5)) with c = σ/μ of the series. */
export function consistency(series: readonly number[]): number {
  if (series.length === 0) return 0;
  const mean = series.reduce((a, b) => a + b, 0) / series.length;
  if (mean === 0) return 0;
  const variance = series.reduce((a, b) => a + (b - mean) ** 2, 0) / series.length;
  const c = Math.sqrt(variance) / mean;
  return 100 * (1 - Math.tanh(c + c ** 3 / 3 + c ** 5 / 5));
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The length of a test: the limit when timed, otherwise until the last keystroke. */
export function typingDuration(keys: readonly Keystroke[], limitMs: number | null): number {
  if (limitMs !== null) return limitMs;
  return keys.length > 0 ? keys[keys.length - 1]!.t : 0;
}

/** Human limits on a typing log; throws ImplausibleLogError with the reason. */
export function checkTypingLog(keys: readonly Keystroke[], metrics: TypingMetrics, limitMs: number | null): void {
  for (const key of keys) {
    if (key.k !== BACKSPACE && [...key.k].length !== 1) throw new ImplausibleLogError("The typing log holds a keystroke that is not a single character.");
  }
  // Key repeat and fast bigrams reach ~10 ms; nothing human comes closer.
  checkTimeline(keys.map((key) => key.t), { limitMs: limitMs ?? undefined, minGapMs: 0, what: "keystrokes" });
  const chars = keys.filter((key) => key.k !== BACKSPACE).length;
  if (metrics.durationMs < 1000 && chars > 5) throw new ImplausibleLogError("The test ended within a second: too fast to be real typing.");
  if (metrics.wpm > MAX_WPM || metrics.raw > MAX_WPM) {
    throw new ImplausibleLogError(`That log types at ${Math.round(Math.max(metrics.wpm, metrics.raw))} wpm, above the ${MAX_WPM} wpm no person reaches.`);
  }
  // A burst check: any 2-second window above the ceiling is a script, whatever the average.
  let start = 0;
  const presses = keys.filter((key) => key.k !== BACKSPACE);
  for (let end = 0; end < presses.length; end++) {
    while (presses[end]!.t - presses[start]!.t > 2000) start += 1;
    const count = end - start + 1;
    if (count > 10 && (count / 5) * 30 > MAX_WPM * 1.5) {
      throw new ImplausibleLogError(`That log has a burst of ${count} keystrokes within two seconds, faster than any person types.`);
    }
  }
}

export type LetterState = "correct" | "incorrect" | "extra" | "missed" | "pending";

/**
 * How each letter of a word shows, as on Monkeytype: typed letters right or wrong, letters typed
 * past the word's end as extra, and the letters a submitted word never got (space pressed early)
 * as missed. Letters not reached yet are pending.
 */
export function wordLetters(word: string, typed: string, submitted: boolean): { char: string; state: LetterState }[] {
  const letters: { char: string; state: LetterState }[] = [...word].map((char, i) => ({
    char,
    state: i < typed.length ? (typed[i] === char ? "correct" : "incorrect") : submitted ? "missed" : "pending",
  }));
  for (const char of typed.slice(word.length)) letters.push({ char, state: "extra" });
  return letters;
}
