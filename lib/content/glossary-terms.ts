import type { Parent, PhrasingContent, Root, RootContent, Text } from "mdast";

export type GlossaryTerm = { term: string; definition: string };

/** The element name glossary terms are rendered as; the page maps it to its popover component. */
export const GLOSSARY_ELEMENT = "glossary-term";

// Text inside these is never marked: links and code already mean something, headings stay plain.
const SKIPPED = new Set(["link", "linkReference", "inlineCode", "code", "heading", "html", "definition", "image", "imageReference"]);

function escapeRegExp(value: string) {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A remark plugin that marks the first occurrence of each glossary term in one Markdown text (whole
 * words, any case; longer terms first so "fine-tuning" wins over "tuning"). Marked terms become
 * `glossary-term` elements carrying the term's index in `terms`.
 */
export function remarkGlossaryTerms(terms: GlossaryTerm[]) {
  const ordered = terms.map((entry, index) => ({ ...entry, index })).filter((entry) => entry.term.trim()).sort((a, b) => b.term.length - a.term.length);
  const pattern = ordered.length ? new RegExp(`(?<![\\p{L}\\p{N}])(${ordered.map((entry) => escapeRegExp(entry.term)).join("|")})(?![\\p{L}\\p{N}])`, "giu") : null;
  return () => (tree: Root) => {
    if (!pattern) return;
    const used = new Set<number>();
    const walk = (parent: Parent) => {
      const next: RootContent[] = [];
      for (const child of parent.children as RootContent[]) {
        if (child.type === "text") next.push(...splitText(child));
        else {
          if ("children" in child && !SKIPPED.has(child.type)) walk(child as Parent);
          next.push(child);
        }
      }
      parent.children = next as Parent["children"];
    };
    const splitText = (node: Text): RootContent[] => {
      const parts: RootContent[] = [];
      let last = 0;
      pattern.lastIndex = 0;
      for (const match of node.value.matchAll(pattern)) {
        const entry = ordered.find((candidate) => candidate.term.toLowerCase() === match[1]!.toLowerCase());
        if (!entry || used.has(entry.index)) continue;
        used.add(entry.index);
        if (match.index! > last) parts.push({ type: "text", value: node.value.slice(last, match.index) });
        parts.push({
          type: "emphasis",
          children: [{ type: "text", value: match[1]! } as PhrasingContent],
          data: { hName: GLOSSARY_ELEMENT, hProperties: { dataTerm: String(entry.index) } },
        });
        last = match.index! + match[1]!.length;
      }
      if (last === 0) return [node];
      if (last < node.value.length) parts.push({ type: "text", value: node.value.slice(last) });
      return parts;
    };
    walk(tree);
  };
}
