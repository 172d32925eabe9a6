export type Speaker = "teacher" | "student" | "narrator";

/** Markdown as it should be read aloud: the words, without link targets, emphasis marks or code fences. */
export function markdownToSpeech(markdown: string): string {
  return markdown
    .replace(/```[^\n]*\n([\s\S]*?)```/g, "$1")
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\([^)]*\)/g, "$1")
    .replace(/^\s{0,3}#{1,6}\s+/gm, "")
    .replace(/^\s*(?:[-*+]|\d+[.)])\s+/gm, "")
    .replace(/^\s*>\s?/gm, "")
    .replace(/(\*\*|__|\*|_|~~|`)(?=\S)([\s\S]*?\S)\1/g, "$2")
    .replace(/\|/g, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** What is read aloud for an audiobook chapter, in order: title, each point, the explanation, the analogy. */
export function chapterSegments(chapter: { title: string; points: string[]; explanation: string; analogy: string }): string[] {
  return [chapter.title, ...chapter.points, markdownToSpeech(chapter.explanation), `Analogy. ${markdownToSpeech(chapter.analogy)}`];
}
