/**
 * The last rehype step for every reply (markdown.tsx): a backstop in case a plugin, now or after
 * an upgrade, emits something the page must never contain. Removes active or embedding elements,
 * `style` and event-handler properties, and URL properties where no URL policy applied; turns
 * table-cell `align` into a class (React would write it as a `style` attribute, which the CSP
 * blocks).
 */
import type { Element, Root, RootContent } from "hast";

const DROPPED_TAGS = new Set(["script", "style", "iframe", "frame", "object", "embed", "form", "svg", "link", "meta", "base", "foreignobject"]);
const URL_KEYS = new Set(["href", "src", "srcSet", "action", "formAction", "xLinkHref", "poster", "background", "data", "ping"]);
const ALLOWED_URL_KEYS: Record<string, string> = { a: "href", img: "src" };

export function rehypeHarden() {
  return (tree: Root) => {
    tree.children = cleanChildren(tree.children);
  };
}

function cleanChildren<T extends RootContent>(children: T[]): T[] {
  return children.filter((child) => child.type !== "element" || !DROPPED_TAGS.has(child.tagName.toLowerCase())).map((child) => {
    if (child.type === "element") cleanElement(child);
    return child;
  });
}

function cleanElement(element: Element) {
  const properties = element.properties;
  for (const key of Object.keys(properties)) {
    const isUrl = URL_KEYS.has(key) && ALLOWED_URL_KEYS[element.tagName] !== key;
    if (key === "style" || /^on/i.test(key) || isUrl) delete properties[key];
  }
  const align = properties.align;
  if (typeof align === "string" && /^(left|center|right)$/.test(align)) {
    const classes = Array.isArray(properties.className) ? properties.className : [];
    properties.className = [...classes, `md-align-${align}`];
  }
  delete properties.align;
  element.children = cleanChildren(element.children);
}
