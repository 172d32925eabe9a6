import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import { allowedUrlOrEmpty } from "@/lib/content/markdown";

// Author Markdown, rendered on the server or the client alike (no hooks, no effects). Raw HTML is
// never rendered (skipHtml drops it), and link and image URLs other than http(s), mailto and
// relative ones are emptied; `npm run content:check` reports both to authors.

const components: Components = {
  a: ({ node: _node, href, children, ...props }) => (
    <a
      {...props}
      href={href || undefined}
      rel="noopener noreferrer"
      className="text-brand-700 underline underline-offset-2 dark:text-brand-100"
    >
      {children}
    </a>
  ),
  p: ({ node: _node, ...props }) => <p className="my-3 leading-relaxed first:mt-0 last:mb-0" {...props} />,
  ul: ({ node: _node, ...props }) => <ul className="my-3 list-disc space-y-1 pl-6" {...props} />,
  ol: ({ node: _node, ...props }) => <ol className="my-3 list-decimal space-y-1 pl-6" {...props} />,
  h1: ({ node: _node, ...props }) => <h2 className="mt-5 mb-2 text-xl font-semibold" {...props} />,
  h2: ({ node: _node, ...props }) => <h3 className="mt-5 mb-2 text-lg font-semibold" {...props} />,
  h3: ({ node: _node, ...props }) => <h4 className="mt-4 mb-2 font-semibold" {...props} />,
  blockquote: ({ node: _node, ...props }) => (
    <blockquote className="my-3 border-l-4 border-slate-300 pl-4 italic dark:border-slate-600" {...props} />
  ),
  pre: ({ node: _node, ...props }) => (
    // Focusable so keyboard users can scroll a wide code block (WCAG 2.1.1).
    <pre tabIndex={0} className="relative my-3 overflow-x-auto rounded-md bg-slate-100 p-3 text-sm dark:bg-slate-900" {...props} />
  ),
  code: ({ node: _node, ...props }) => <code className="rounded bg-slate-100 px-1 text-[0.9em] dark:bg-slate-900" {...props} />,
  table: ({ node: _node, ...props }) => (
    <div className="relative my-3 overflow-x-auto">
      <table className="min-w-full border-collapse text-sm" {...props} />
    </div>
  ),
  th: ({ node: _node, ...props }) => (
    <th className="border-b border-slate-300 px-2 py-1 text-left font-semibold dark:border-slate-600" {...props} />
  ),
  td: ({ node: _node, ...props }) => <td className="border-b border-slate-200 px-2 py-1 dark:border-slate-700" {...props} />,
  // An image whose address was refused (urlTransform made it empty) shows its alt text instead.
  img: ({ node: _node, src, alt, ...props }) =>
    // eslint-disable-next-line @next/next/no-img-element -- authored content images of any size
    src ? <img src={src} alt={alt ?? ""} {...props} /> : alt ? `[${alt}]` : null,
};

/** `plugins` and `extraComponents` extend the rendering (the lesson page marks glossary terms with them). */
export function Markdown({
  children,
  className,
  plugins = [],
  extraComponents,
}: {
  children: string;
  className?: string;
  plugins?: NonNullable<Options["remarkPlugins"]>;
  extraComponents?: Record<string, unknown>;
}) {
  return (
    <div className={className}>
      <ReactMarkdown
        remarkPlugins={[remarkGfm, ...plugins]}
        skipHtml
        urlTransform={allowedUrlOrEmpty}
        components={extraComponents ? ({ ...components, ...extraComponents } as Components) : components}
      >
        {children}
      </ReactMarkdown>
    </div>
  );
}
