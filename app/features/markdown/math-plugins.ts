/**
 * Math for replies, imported lazily by use-markdown-plugins.ts so KaTeX is fetched only for
 * replies that contain math. KaTeX writes MathML only (`output: "mathml"`): the browser lays it
 * out natively, so no KaTeX CSS or fonts are needed and nothing depends on inline `style`
 * attributes, which the page's CSP blocks (KaTeX's HTML output positions glyphs with them).
 */
import rehypeKatex from "rehype-katex";
import remarkMath from "remark-math";
import type { PluginList } from "./use-markdown-plugins";

export const mathPlugins: { remark: PluginList; rehype: PluginList } = {
  remark: [remarkMath],
  // rehype-katex renders parse errors as the source text. `trust: false` refuses \href, \url,
  // \includegraphics and \html*; `strict: "ignore"` keeps LaTeX-isms from logging warnings.
  rehype: [[rehypeKatex, { output: "mathml", trust: false, strict: "ignore", maxExpand: 1000 }]],
};
