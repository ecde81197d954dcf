/**
 * Renders a reply's Markdown (untrusted model output) as React elements: GFM (tables,
 * strikethrough, task lists, autolinks, footnotes), code blocks with a Copy button, and, loaded on
 * first need, syntax highlighting and math. Never raw HTML: HTML in the source shows as text.
 * URLs pass safe-url.ts; rehype-harden.ts is the last step on every tree.
 * Memoised: a chat list re-renders only the reply whose text or streaming state changed.
 */
import { memo, useId, useMemo, type ComponentProps } from "react";
import ReactMarkdown, { type Components, type Options } from "react-markdown";
import remarkGfm from "remark-gfm";
import { CodeBlock } from "./code-block";
import { prepareSource } from "./prepare-source";
import { rehypeHarden } from "./rehype-harden";
import { isExternalHref, safeHref, safeImageSrc } from "./safe-url";
import { useMarkdownPlugins, type PluginList } from "./use-markdown-plugins";

// `singleTilde: false`: "~5 min" is an approximation in chat, not strikethrough.
const GFM: PluginList = [[remarkGfm, { singleTilde: false }]];
const HARDEN: PluginList = [rehypeHarden];

const urlTransform: Options["urlTransform"] = (url, key) => {
  if (key === "href") return safeHref(url);
  if (key === "src") return safeImageSrc(url);
  return null;
};

function Link({ node: _node, href, children, ...rest }: ComponentProps<"a"> & { node?: unknown }) {
  // No href: the URL was refused, so the link text stays but leads nowhere.
  if (!href) return <span className="md-refused-link">{children}</span>;
  if (!isExternalHref(href)) return <a {...rest} href={href}>{children}</a>;
  return (
    <a {...rest} href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </a>
  );
}

function Image({ src, alt, title }: ComponentProps<"img"> & { node?: unknown }) {
  // No src: not same-origin, so nothing is fetched; the alt text says what was there.
  if (typeof src !== "string" || src === "") return <span className="md-image-placeholder">{alt ? `[image: ${alt}]` : "[image]"}</span>;
  return <img src={src} alt={alt ?? ""} title={title} loading="lazy" decoding="async" />;
}

function Table({ node: _node, ...rest }: ComponentProps<"table"> & { node?: unknown }) {
  return (
    <div className="md-table-wrap">
      <table {...rest} />
    </div>
  );
}

const components: Components = { a: Link, img: Image, pre: CodeBlock, table: Table };

export const Markdown = memo(function Markdown({ text, streaming = false }: { text: string; streaming?: boolean }) {
  const prepared = useMemo(() => prepareSource(text), [text]);
  const plugins = useMarkdownPlugins(prepared);
  // Highlighting re-runs on every token, so a streaming reply waits until it is complete.
  const highlight = streaming ? undefined : plugins.highlight;
  const remarkPlugins = useMemo(() => [...GFM, ...(plugins.math?.remark ?? [])], [plugins.math]);
  const rehypePlugins = useMemo(() => [...(plugins.math?.rehype ?? []), ...(highlight ?? []), ...HARDEN], [plugins.math, highlight]);
  // Footnote ids are per reply, or every reply's "[^1]" would jump to the first reply's note.
  const idPrefix = `md${useId().replace(/[^\w-]/g, "")}-`;
  const remarkRehypeOptions = useMemo(() => ({ clobberPrefix: idPrefix }), [idPrefix]);

  return (
    <div className="md">
      <ReactMarkdown
        remarkPlugins={remarkPlugins}
        rehypePlugins={rehypePlugins}
        remarkRehypeOptions={remarkRehypeOptions}
        components={components}
        urlTransform={urlTransform}
      >
        {prepared.source}
      </ReactMarkdown>
    </div>
  );
});
