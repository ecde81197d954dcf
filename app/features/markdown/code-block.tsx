/**
 * A fenced code block in a reply (markdown.tsx renders every <pre> through it): a header with the
 * language and a Copy button above the scrolling code.
 */
import { useEffect, useState, type ReactNode } from "react";
import type { Element, ElementContent } from "hast";

const COPIED_FOR_MS = 2000;

export function CodeBlock({ node, children }: { node?: Element; children?: ReactNode }) {
  const code = node?.children.find((child): child is Element => child.type === "element" && child.tagName === "code");
  const language = code ? languageOf(code) : null;
  const [copied, setCopied] = useState(false);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), COPIED_FOR_MS);
    return () => clearTimeout(timer);
  }, [copied]);

  const copy = () => {
    // Unavailable outside secure contexts, and the user may deny it: then nothing is shown.
    navigator.clipboard?.writeText(textOf(code ?? node)).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <div className="md-code">
      <div className="md-code-header">
        <span className="md-code-language">{language ?? "text"}</span>
        <button type="button" className="md-code-copy" aria-label="Copy code" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </button>
        <span className="md-sr-only" role="status">
          {copied ? "Copied" : ""}
        </span>
      </div>
      <pre>{children}</pre>
    </div>
  );
}

function languageOf(code: Element): string | null {
  const classes = Array.isArray(code.properties.className) ? code.properties.className : [];
  for (const name of classes) {
    if (typeof name === "string" && name.startsWith("language-")) return name.slice("language-".length);
  }
  return null;
}

function textOf(node: Element | ElementContent | undefined): string {
  if (!node) return "";
  if (node.type === "text") return node.value;
  if (node.type === "element") return node.children.map(textOf).join("");
  return "";
}
