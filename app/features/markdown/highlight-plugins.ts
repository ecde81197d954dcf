/**
 * Syntax highlighting for fenced code, imported lazily by use-markdown-plugins.ts so
 * highlight.js (its "common" languages) is fetched only for replies that contain code.
 * Only blocks that name their language are highlighted: guessing costs a pass per language.
 */
import rehypeHighlight from "rehype-highlight";
import type { PluginList } from "./use-markdown-plugins";

export const highlightPlugins: PluginList = [[rehypeHighlight, { detect: false }]];
