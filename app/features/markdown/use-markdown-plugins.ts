/**
 * Loads the costly Markdown plugins on first need and keeps them for every later reply:
 * the highlighter when a reply has fenced code, the math stack when it has math. Until a
 * module arrives the reply renders without it (plain code, raw math), then renders again.
 * Nothing loads during server rendering, so the first client render matches the server's.
 */
import { useEffect, useState } from "react";
import type { Options } from "react-markdown";

export type PluginList = NonNullable<Options["rehypePlugins"]>;

interface LoadedPlugins {
  highlight?: PluginList;
  math?: { remark: PluginList; rehype: PluginList };
}

// Module-level so that later replies get the plugins synchronously on their first render.
const loaded: LoadedPlugins = {};
let highlightLoad: Promise<void> | undefined;
let mathLoad: Promise<void> | undefined;

function loadHighlight(): Promise<void> {
  highlightLoad ??= import("./highlight-plugins").then(
    (m) => void (loaded.highlight = m.highlightPlugins),
    (error: unknown) => {
      highlightLoad = undefined; // a later reply may try again (e.g. after a deploy swapped chunks)
      throw error;
    },
  );
  return highlightLoad;
}

function loadMath(): Promise<void> {
  mathLoad ??= import("./math-plugins").then(
    (m) => void (loaded.math = m.mathPlugins),
    (error: unknown) => {
      mathLoad = undefined;
      throw error;
    },
  );
  return mathLoad;
}

/** Starts loading ahead of need (e.g. when the browser is idle); resolves once loaded. */
export function preloadMarkdownPlugins(needs: { hasCode: boolean; hasMath: boolean }): Promise<unknown> {
  return Promise.all([needs.hasCode ? loadHighlight() : null, needs.hasMath ? loadMath() : null]);
}

export function useMarkdownPlugins(needs: { hasCode: boolean; hasMath: boolean }): LoadedPlugins {
  const [, setLoadedCount] = useState(0);
  const missingHighlight = needs.hasCode && !loaded.highlight;
  const missingMath = needs.hasMath && !loaded.math;

  useEffect(() => {
    if (!missingHighlight && !missingMath) return;
    let mounted = true;
    const loads = [missingHighlight ? loadHighlight() : null, missingMath ? loadMath() : null];
    for (const load of loads) {
      load?.then(
        () => mounted && setLoadedCount((n) => n + 1),
        (error: unknown) => console.warn("Markdown plugins failed to load; showing plain text", error),
      );
    }
    return () => {
      mounted = false;
    };
  }, [missingHighlight, missingMath]);

  return {
    highlight: needs.hasCode ? loaded.highlight : undefined,
    math: needs.hasMath ? loaded.math : undefined,
  };
}
