// What author Markdown may contain. The renderer (app/_components/markdown.tsx) never renders raw
// HTML and drops link and image URLs other than http(s), mailto and relative ones; `content:check`
// reports both, so an author learns about it from the check rather than from a silently missing part.

const ALLOWED_SCHEMES = /^(?:https?|mailto)$/i;

/** True for http(s), mailto and relative URLs: the only ones the renderer keeps. */
export function isAllowedUrl(url: string): boolean {
  // Browsers ignore control characters and whitespace inside a scheme ("java\tscript:").
  const cleaned = url.replace(/[\u0000-\u0020\u007f]/g, "");
  const colon = cleaned.indexOf(":");
  if (colon === -1) return true;
  // A colon after the first / ? or # belongs to a relative URL's path, query or fragment.
  const delimiter = cleaned.search(/[/?#]/);
  if (delimiter !== -1 && delimiter < colon) return true;
  return ALLOWED_SCHEMES.test(cleaned.slice(0, colon));
}

/** The URL when allowed, else "" (the signature react-markdown's `urlTransform` expects). */
export function allowedUrlOrEmpty(url: string): string {
  return isAllowedUrl(url) ? url : "";
}

const HTML_TAG = /<\/?([A-Za-z][A-Za-z0-9-]*)(?=[\s/>])[^<>]*>/g;
const HTML_OTHER = /<!--|<!\[CDATA\[|<![A-Za-z]|<\?/;
const INLINE_LINK = /\]\(\s*(<[^>\n]*>|[^\s)]+)/g;
const REFERENCE_DEFINITION = /^ {0,3}\[[^\]\n]+\]:\s*(<[^>\n]*>|\S+)/gm;
const AUTOLINK = /<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>/g;

/** Sentences describing what in this Markdown the renderer would drop; [] when nothing. */
export function findUnsafeMarkdown(markdown: string): string[] {
  const text = withoutCode(markdown);
  const problems: string[] = [];

  const tags = new Set<string>();
  for (const match of text.matchAll(HTML_TAG)) tags.add(`<${match[1]!.toLowerCase()}>`);
  if (tags.size > 0) {
    problems.push(`contains raw HTML (${[...tags].join(", ")}), which is never rendered; write it in Markdown instead`);
  } else if (HTML_OTHER.test(text)) {
    problems.push("contains raw HTML (a comment or declaration), which is never rendered; remove it");
  }

  const schemes = new Set<string>();
  const urls = [
    ...[...text.matchAll(INLINE_LINK)].map((m) => m[1]!),
    ...[...text.matchAll(REFERENCE_DEFINITION)].map((m) => m[1]!),
    ...[...text.matchAll(AUTOLINK)].map((m) => m[1]!),
  ];
  for (const raw of urls) {
    const url = decodeUrl(raw);
    if (!isAllowedUrl(url)) schemes.add(`${url.slice(0, url.indexOf(":")).replace(/\s/g, "").toLowerCase()}:`);
  }
  if (schemes.size > 0) {
    problems.push(`links to a ${[...schemes].join(" / ")} URL, which is never rendered; use an http(s), mailto or relative URL`);
  }
  return problems;
}

// Code spans and fenced blocks show their content as text, so tags and links in them are harmless.
function withoutCode(markdown: string): string {
  return markdown
    .replace(/^ {0,3}(`{3,}|~{3,})[^\n]*\n[\s\S]*?(?:^ {0,3}\1[`~]*[ \t]*$|(?![\s\S]))/gm, "")
    .replace(/(`+)(?!`)[\s\S]*?(?<!`)\1(?!`)/g, "");
}

// Markdown decodes entities and backslash escapes in destinations before the URL is used.
function decodeUrl(raw: string): string {
  return raw
    .replace(/^<|>$/g, "")
    .replace(/\\([!-/:-@[-`{-~])/g, "$1")
    .replace(/&#x([0-9a-f]+);?/gi, (_, hex: string) => codePoint(parseInt(hex, 16)))
    .replace(/&#(\d+);?/g, (_, dec: string) => codePoint(Number(dec)))
    .replace(/&colon;/gi, ":")
    .replace(/&(?:tab|newline);/gi, "");
}

function codePoint(value: number): string {
  return value <= 0x10ffff ? String.fromCodePoint(value) : "";
}
