// `npm run bench:ui`: how fast the chat UI opens, in Debian's Chromium against the local stack
// (method and results: docs/benchmarks.md, "Chat UI"). Builds the app (unless BENCH_SKIP_BUILD=1),
// starts the Ollama stub and `scripts/dev.mjs` on their own ports with a fresh state dir (and its own
// wrangler dev registry), seeds a 5,000-message and a 20-message conversation over the HTTP API,
// then measures:
//  a. the chat route's initial JavaScript (what its HTML loads before hydration, with the static
//     imports of those modules), gzip -9 per chunk, and the chunks that load later;
//  b. First Contentful Paint of /login, a short and the long conversation, fresh context each run;
//  c. opening the 5,000-message conversation until its newest message is painted in view, by URL
//     and by a sidebar click, and the number of message nodes while scrolling back through history.
// Prints a table and JSON details; exits non-zero on errors only (a missed target is a result).
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { startOllamaStub, type OllamaStub } from "../test/stubs/ollama-stub.ts";
import { percentile } from "./lib/percentile.ts";
import { run, waitForHttp } from "./lib/processes.mjs";

const RUNS = Number(process.env.BENCH_UI_RUNS ?? 10);
const port = Number(process.env.BENCH_UI_PORT ?? 8990);
const stubPort = Number(process.env.BENCH_UI_OLLAMA_PORT ?? 11790);
const origin = `http://127.0.0.1:${port}`;
const root = resolve(import.meta.dirname, "..");
const MARKER = "NEWEST-MESSAGE-MARKER";
const TOTAL = 5000;
const PASSWORD = "a benchmark passphrase";
const BROWSER_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

let stub: OllamaStub | undefined;
let stack: ChildProcess | undefined;
let browser: Browser | undefined;
process.once("SIGINT", () => void stop().finally(() => process.exit(130)));
process.once("SIGTERM", () => void stop().finally(() => process.exit(143)));

try {
  const env = { ...process.env, PATH: `${resolve(root, "node_modules/.bin")}:${process.env.PATH}` };
  if (process.env.BENCH_SKIP_BUILD !== "1") await run("npm", ["run", "--silent", "build"], { cwd: root, env });
  stub = await startOllamaStub({ port: stubPort, delayMs: 0 });
  await startStack(env);
  browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: BROWSER_ARGS });
  const seeded = await seed();
  const results = await measure(browser, seeded);
  console.log(JSON.stringify(results.details, null, 2));
  console.log(`\n${results.table}`);
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await stop();
}

async function startStack(env: NodeJS.ProcessEnv) {
  // dev.mjs gives each wrangler 60 s to answer; on a busy 2-core machine that can fail once.
  for (let attempt = 1; ; attempt++) {
    // Its own process group, so stopping it takes wrangler and workerd along.
    stack = spawn(process.execPath, ["scripts/dev.mjs"], {
      cwd: root,
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: {
        ...env,
        PORT: String(port),
        OLLAMA_HOSTS: stub!.url,
        MARIE_STATE_DIR: ".wrangler/bench-ui-state",
        MARIE_RESET_STATE: "1",
        MARIE_SKIP_BUILD: "1",
        MARIE_DEV_QUIET: "1",
        // Wrangler's dev registry maps a Worker's name to whichever `wrangler dev` registered it
        // last, machine-wide: without our own, the app's API binding could reach another stack.
        WRANGLER_REGISTRY_PATH: resolve(root, ".wrangler/bench-ui-registry"),
      },
    });
    const exited = new Promise<never>((_, reject) => stack!.once("exit", (code) => reject(new Error(`scripts/dev.mjs exited (${code})`))));
    try {
      return await Promise.race([waitForHttp(`${origin}/health/live`, 180_000), exited]);
    } catch (error) {
      if (attempt === 2) throw error;
      console.warn(`Stack did not start (${String(error)}); trying once more.`);
      await stopStack();
    }
  }
}

async function stop() {
  await browser?.close().catch(() => {});
  browser = undefined;
  await stopStack();
  await stub?.close().catch(() => {});
  stub = undefined;
}

async function stopStack() {
  const pid = stack?.pid;
  stack = undefined;
  if (!pid) return;
  const alive = () => {
    try {
      process.kill(-pid, 0);
      return true;
    } catch {
      return false;
    }
  };
  if (alive()) process.kill(-pid, "SIGTERM");
  for (let i = 0; i < 50 && alive(); i++) await sleep(200);
  if (alive()) process.kill(-pid, "SIGKILL");
}

// ---- seeding ----

async function post<T>(path: string, body: unknown, token?: string) {
  const res = await fetch(`${origin}${path}`, {
    method: "POST",
    headers: { origin, "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function seed() {
  const email = `bench-ui-${Date.now()}@example.com`;
  const { token } = await post<{ token: string }>("/api/auth/register", { email, password: PASSWORD, name: "Bench" });
  const small = await post<{ id: string }>("/api/conversations", { model: "llama3.2:3b", title: "Twenty messages" }, token);
  await post(`/api/conversations/${small.id}/import`, { messages: history(20) }, token);
  const big = await post<{ id: string }>("/api/conversations", { model: "llama3.2:3b", title: "Five thousand" }, token);
  const messages = history(TOTAL);
  for (let i = 0; i < TOTAL; i += 1000) await post(`/api/conversations/${big.id}/import`, { messages: messages.slice(i, i + 1000) }, token);
  return { email, big: big.id, small: small.id };
}

/** Alternating question and reply, oldest first; replies vary: prose, lists, code, a few long ones. */
function history(count: number) {
  let state = 42;
  const rand = () => ((state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const pick = <T>(items: T[]) => items[Math.floor(rand() * items.length)]!;
  const topics = ["caching a D1 query", "retrying a failed fetch", "streaming a reply", "paging a long list", "naming a migration", "testing a Durable Object", "parsing NDJSON", "limiting request bodies"];
  const words = "the a request response worker cache key value stream token reply model host timeout retry page list index query table row column field error status header body client server state socket".split(" ");
  const sentence = () => {
    const text = Array.from({ length: 6 + Math.floor(rand() * 9) }, () => pick(words)).join(" ");
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  };
  const paragraph = () => Array.from({ length: 1 + Math.floor(rand() * 3) }, sentence).join(" ");
  // Each import call carries 1,000 messages and must fit the 256 KiB body limit: ~200 bytes each.
  const reply = (i: number) => {
    if (i % 97 === 1) return Array.from({ length: 6 }, paragraph).join("\n\n"); // a few long ones
    switch (Math.floor(i / 2) % 4) {
      case 1:
        return `${sentence()}\n\n${Array.from({ length: 2 + (i % 3) }, () => `- ${pick(words)} ${pick(words)} ${pick(words)}`).join("\n")}`;
      case 3:
        return `${sentence()}\n\n\`\`\`ts\nconst row = await env.DB.prepare("select * from t where id = ?").bind(id${i}).first();\n\`\`\``;
      case 0:
        return `${paragraph()}\n\n${paragraph()}`;
      default:
        return paragraph();
    }
  };
  return Array.from({ length: count }, (_, i) => {
    const role = i % 2 === 0 ? ("user" as const) : ("assistant" as const);
    // The newest: long enough that only its end fits the viewport, where the marker is.
    if (i === count - 1) return { role, content: `${Array.from({ length: 5 }, paragraph).join("\n\n")}\n\nThe last word: ${MARKER}` };
    return { role, content: role === "user" ? `How would you go about ${pick(topics)}?${rand() < 0.2 ? ` ${sentence()}` : ""}` : reply(i) };
  });
}

// ---- measuring ----

type Seeded = Awaited<ReturnType<typeof seed>>;

async function measure(browser: Browser, seeded: Seeded) {
  const pressureBefore = cpuPressure();
  const storageState = await signIn(browser, seeded.email);
  const cookie = storageState.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const fresh = async () => {
    const context = await browser.newContext({ storageState });
    await context.addInitScript(installWatcher, MARKER);
    return context;
  };
  const bigUrl = `${origin}/c/${seeded.big}`;

  const js = await javascriptGraph(bigUrl, cookie);
  const later = await lazyOnOpen(await fresh(), bigUrl, js.lazy);
  const login = await repeat(() => firstPaint(browser.newContext(), `${origin}/login`));
  const short = await repeat(() => firstPaint(fresh(), `${origin}/c/${seeded.small}`));
  const open = await repeat(() => openByUrl(fresh(), bigUrl));
  const click = await repeat(() => openByClick(fresh()));
  const dom = await domBound(await fresh(), bigUrl);
  const html = await timeHtml(bigUrl, cookie);

  const ms = (values: number[]) => `${p(values, 50)} / ${p(values, 95)} ms`;
  const verdict = (value: number, target: number) => (value <= target ? "met" : "**missed**");
  const rows = [
    ["initial JS, chat route (gzip)", "≤ 150 KB", `${kb(js.initialGzip)} KB (${js.initial.length} files)`, verdict(js.initialGzip, 150 * 1024)],
    [
      "lazy JS: loaded after first paint (+ ms after FCP) / not on this page (gzip)",
      "—",
      later.map((c) => `${c.name} ${kb(c.gzip)} KB ${c.requestedAfterFcpMs === null ? "(not loaded)" : `(+${c.requestedAfterFcpMs} ms)`}`).join(", ") || "none",
      "—",
    ],
    ["FCP /login (p50 / p95)", "≤ 800 ms", ms(login.map((r) => r.fcp)), verdict(p(login.map((r) => r.fcp), 95), 800)],
    ["FCP /c/:id, 20 messages (p50 / p95)", "≤ 800 ms", ms(short.map((r) => r.fcp)), verdict(p(short.map((r) => r.fcp), 95), 800)],
    ["FCP /c/:id, 5,000 messages (p50 / p95)", "≤ 800 ms", ms(open.map((r) => r.fcp)), verdict(p(open.map((r) => r.fcp), 95), 800)],
    ["open 5,000 by URL → newest painted (p50 / p95)", "≤ 300 ms", ms(open.map((r) => r.painted)), verdict(p(open.map((r) => r.painted), 95), 300)],
    ["  … → interactive list, newest in view (p50 / p95)", "—", ms(open.map((r) => r.virtual)), "—"],
    ["open 5,000 by sidebar click → newest painted (p50 / p95)", "≤ 300 ms", ms(click.map((r) => r.painted)), verdict(p(click.map((r) => r.painted), 95), 300)],
    ["message nodes: on open / max while paging back", "bounded (< 100)", `${dom.onOpen} / ${dom.max} (${dom.loaded} of ${TOTAL} messages loaded)`, dom.max < 100 ? "met" : "**missed**"],
  ];
  const table = ["| measure | target | result | |", "| --- | --- | --- | --- |", ...rows.map((r) => `| ${r.join(" | ")} |`)].join("\n");
  const details = {
    machine: `${cpus()[0]?.model} × ${cpus().length}, Node ${process.version}, Chromium ${browser.version()}`,
    runs: RUNS,
    // Share of the measuring time in which some runnable task waited for a CPU (Linux PSI).
    cpuPressurePercent: pressureBefore && round((100 * (cpuPressure()!.stall - pressureBefore.stall)) / (performance.now() * 1000 - pressureBefore.at)),
    javascript: { ...js, lazy: later },
    html5000: html,
    login: summary(login),
    short: summary(short),
    openByUrl: summary(open),
    openByClick: summary(click),
    domNodes: dom,
    newestNotVisibleAfterSettle: [...open, ...click].filter((r) => !r.visibleAfterSettle).length,
  };
  return { table, details };
}

async function signIn(browser: Browser, email: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${origin}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => url.pathname === "/");
  const state = await context.storageState();
  await context.close();
  return state;
}

/** One warm-up run (discarded), then RUNS runs. */
async function repeat<T>(once: () => Promise<T>) {
  await once();
  const out: T[] = [];
  for (let i = 0; i < RUNS; i++) out.push(await once());
  return out;
}

type Chunk = { url: string; name: string; raw: number; gzip: number; imports: string[]; dynamicImports: string[] };

/**
 * The chat route's JavaScript graph from its HTML: initial = the module scripts, inline module
 * imports and modulepreloads, closed over static imports; lazy = what their dynamic imports reach.
 */
async function javascriptGraph(url: string, cookie: string) {
  const html = await (await fetch(url, { headers: { cookie } })).text();
  const roots = new Set<string>();
  for (const tag of html.match(/<(?:script|link)\b[^>]*>/g) ?? []) {
    const src = tag.match(/\b(?:src|href)="([^"]+)"/)?.[1];
    if (src && (/type="module"/.test(tag) || /rel="modulepreload"/.test(tag))) roots.add(new URL(src, url).href);
  }
  for (const [, body] of html.matchAll(/<script\b[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    for (const [, spec] of body!.matchAll(/\bimport\s*(?:[\w$*{}\s,]*?from\s*)?\(?\s*["'`]([^"'`]+)["'`]/g)) roots.add(new URL(spec!, url).href);
  }
  const css = [...html.matchAll(/<link\b[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g)].map((m) => new URL(m[1]!, url).href);
  const cssGzip = sum(await Promise.all(css.map(async (u) => gzipSync(Buffer.from(await (await fetch(u)).arrayBuffer()), { level: 9 }).length)));

  const chunks = new Map<string, Chunk>();
  const closure = async (starts: string[], followDynamic: boolean) => {
    const seen = new Set<string>();
    const queue = [...starts];
    while (queue.length) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      const chunk = chunks.get(next) ?? (await loadChunk(next));
      chunks.set(next, chunk);
      queue.push(...chunk.imports, ...(followDynamic ? chunk.dynamicImports : []));
    }
    return [...seen].map((u) => chunks.get(u)!);
  };
  const initial = await closure([...roots], false);
  const initialUrls = new Set(initial.map((c) => c.url));
  const lazy = (await closure(initial.flatMap((c) => c.dynamicImports), true)).filter((c) => !initialUrls.has(c.url));
  const brief = (c: Chunk) => ({ name: c.name, raw: c.raw, gzip: c.gzip });
  return {
    initialGzip: sum(initial.map((c) => c.gzip)),
    initialRaw: sum(initial.map((c) => c.raw)),
    fromHtml: roots.size,
    fromStaticImports: initial.length - roots.size,
    cssGzip,
    initial: initial.sort((a, b) => b.gzip - a.gzip).map(brief),
    lazy: lazy.map((c) => ({ ...brief(c), url: c.url })),
  };
}

async function loadChunk(url: string): Promise<Chunk> {
  const body = Buffer.from(await (await fetch(url)).arrayBuffer());
  const text = body.toString();
  const specs = (pattern: RegExp) => [...text.matchAll(pattern)].map((m) => new URL(m[1]!, url).href);
  return {
    url,
    name: basename(url),
    raw: body.length,
    gzip: gzipSync(body, { level: 9 }).length,
    imports: specs(/\b(?:import|export)\s*(?:[\w$*{}\s,]*?from\s*)?["']([^"']+\.js)["']/g),
    dynamicImports: specs(/\bimport\(\s*["'`]([^"'`]+\.js)["'`]\s*\)/g),
  };
}

/** Which lazy chunks opening the chat page fetched, and when, against its FCP. */
async function lazyOnOpen(context: BrowserContext, url: string, lazy: { name: string; gzip: number; url: string }[]) {
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(() => window.__bench.virtualAt > 0);
  await page.waitForLoadState("networkidle");
  const seen = await page.evaluate(() => ({
    fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? 0,
    scripts: performance.getEntriesByType("resource").map((e) => ({ url: e.name, start: e.startTime })),
  }));
  await context.close();
  return lazy.map(({ name, gzip, url: chunkUrl }) => {
    const fetched = seen.scripts.find((s) => s.url === chunkUrl);
    return { name, gzip, requestedAfterFcpMs: fetched ? round(fetched.start - seen.fcp) : null };
  });
}

async function firstPaint(contextPromise: Promise<BrowserContext>, url: string) {
  const context = await contextPromise;
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "load" });
  const timing = await navigationTiming(page);
  await context.close();
  return timing;
}

/** FCP and the navigation's milestones, ms since navigation start. */
function navigationTiming(page: Page) {
  return page.evaluate(async () => {
    const fcp = await new Promise<number>((done) =>
      new PerformanceObserver((list) => done(list.getEntriesByName("first-contentful-paint")[0]!.startTime)).observe({ type: "paint", buffered: true }),
    );
    const nav = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming;
    // renderBlockingStatus: Chromium's, not yet in TypeScript's DOM types.
    const resources = performance.getEntriesByType("resource") as (PerformanceResourceTiming & { renderBlockingStatus?: string })[];
    return {
      fcp,
      requestStart: nav.requestStart,
      ttfb: nav.responseStart,
      htmlEnd: nav.responseEnd,
      blockingCssEnd: Math.max(0, ...resources.filter((r) => r.renderBlockingStatus === "blocking").map((r) => r.responseEnd)),
      lastScript: Math.max(0, ...resources.filter((r) => r.name.endsWith(".js")).map((r) => r.responseEnd)),
      dcl: nav.domContentLoadedEventEnd,
      load: nav.loadEventEnd,
    };
  });
}

async function openByUrl(contextPromise: Promise<BrowserContext>, url: string) {
  const context = await contextPromise;
  const page = await context.newPage();
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__bench.paintedAt > 0 && window.__bench.virtualVisibleAt > 0, null, { timeout: 20_000 });
  const timing = await navigationTiming(page);
  const bench = await settled(page);
  const olderFetches = await page.evaluate(() => performance.getEntriesByType("resource").filter((e) => e.name.includes("before=")).length);
  await context.close();
  // A frame's rAF can run before the compositor presents it; nothing is painted before FCP.
  const painted = Math.max(bench.paintedAt, timing.fcp);
  return { ...timing, painted, visible: bench.visibleAt, hydrated: bench.hydratedAt, virtual: bench.virtualVisibleAt, olderFetches, visibleAfterSettle: bench.visibleNow };
}

/** From the home page, a click on the conversation in the sidebar; times are from the click. */
async function openByClick(contextPromise: Promise<BrowserContext>) {
  const context = await contextPromise;
  const page = await context.newPage();
  await page.goto(`${origin}/`, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => window.__bench.watch());
  await page.getByRole("link", { name: "Five thousand" }).click();
  await page.waitForFunction(() => window.__bench.paintedAt > 0 && window.__bench.virtualVisibleAt > 0, null, { timeout: 20_000 });
  const bench = await settled(page);
  // The navigation's own loader fetch (hovering the link already prefetched the same URL).
  const data = await page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[]).findLast((e) => e.name.includes(".data") && e.initiatorType === "fetch"),
  );
  await context.close();
  const from = bench.clickAt;
  return {
    dataStart: (data?.startTime ?? NaN) - from,
    dataEnd: (data?.responseEnd ?? NaN) - from,
    visible: bench.visibleAt - from,
    painted: bench.paintedAt - from,
    virtual: bench.virtualVisibleAt - from,
    visibleAfterSettle: bench.visibleNow,
  };
}

/** The watcher's record once the page is quiet, with whether the newest message is still in view. */
async function settled(page: Page) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.waitForTimeout(300);
  return page.evaluate(() => {
    const { visibleAt, paintedAt, hydratedAt, virtualVisibleAt, clickAt } = window.__bench;
    return { visibleAt, paintedAt, hydratedAt, virtualVisibleAt, clickAt, visibleNow: window.__bench.visible() };
  });
}

/** Message nodes after opening, then while scrolling to the top until no older page arrives. */
async function domBound(context: BrowserContext, url: string) {
  const page = await context.newPage();
  let loaded = 200;
  page.on("response", (res) => {
    if (res.url().includes("/messages?") && res.url().includes("before=")) {
      void res.json().then((body: { messages: unknown[] }) => (loaded += body.messages.length)).catch(() => {});
    }
  });
  await page.goto(url);
  await page.waitForFunction(() => window.__bench.virtualVisibleAt > 0);
  await page.waitForLoadState("networkidle");
  const loadedOnOpen = loaded;
  const count = () => page.evaluate(() => document.querySelectorAll(".message").length);
  const onOpen = await count();
  let max = onOpen;
  let idle = 0;
  // Wheel up as a reader would; older pages arrive as the top comes into view.
  await page.mouse.move(640, 300);
  for (let i = 0; i < 60 && idle < 3 && loaded < TOTAL; i++) {
    const before = loaded;
    for (let k = 0; k < 15; k++) {
      await page.mouse.wheel(0, -3000);
      await page.waitForTimeout(50);
    }
    await page.waitForLoadState("networkidle");
    await page.waitForTimeout(300);
    max = Math.max(max, await count());
    idle = loaded === before ? idle + 1 : 0;
  }
  await context.close();
  return { onOpen, max, loaded, loadedOnOpen };
}

/** The SSR response of the 5,000-message page seen from Node: time to headers, to the end, size. */
async function timeHtml(url: string, cookie: string) {
  const ttfb: number[] = [];
  const total: number[] = [];
  let size = 0;
  let gzip = 0;
  for (let i = 0; i < RUNS + 1; i++) {
    const started = performance.now();
    const res = await fetch(url, { headers: { cookie } });
    const headersAt = performance.now() - started;
    const body = Buffer.from(await res.arrayBuffer());
    if (i === 0) continue;
    ttfb.push(headersAt);
    total.push(performance.now() - started);
    size = body.length;
    gzip = gzipSync(body, { level: 9 }).length;
  }
  return { ttfbP50: p(ttfb, 50), totalP50: p(total, 50), rawKb: kb(size), gzipKb: kb(gzip) };
}

// ---- the in-page watcher (an init script: runs before the page's own scripts) ----

type Watcher = {
  visibleAt: number;
  paintedAt: number;
  hydratedAt: number;
  virtualAt: number;
  virtualVisibleAt: number;
  clickAt: number;
  visible: () => boolean;
  watch: () => void;
};
declare global {
  interface Window {
    __bench: Watcher;
  }
}

/**
 * Checks every frame whether the marker's text is inside the message scroller's visible box.
 * visibleAt: the frame that lays it out in view; paintedAt: the next frame (that one was painted);
 * hydratedAt: React has hydrated the message list (its element carries a fiber);
 * virtualAt / virtualVisibleAt: the virtualized list is in place (with the marker in view).
 */
function installWatcher(marker: string) {
  const visible = () => {
    const scroller = document.querySelector(".messages");
    if (!scroller) return false;
    const walker = document.createTreeWalker(scroller, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const at = node.nodeValue!.indexOf(marker);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + marker.length);
      const r = range.getBoundingClientRect();
      const box = scroller.getBoundingClientRect();
      return r.height > 0 && r.top >= Math.max(box.top, 0) - 1 && r.bottom <= Math.min(box.bottom, innerHeight) + 1;
    }
    return false;
  };
  const w: Watcher = {
    visibleAt: 0,
    paintedAt: 0,
    hydratedAt: 0,
    virtualAt: 0,
    virtualVisibleAt: 0,
    clickAt: 0,
    visible,
    watch() {
      Object.assign(w, { visibleAt: 0, paintedAt: 0, hydratedAt: 0, virtualAt: 0, virtualVisibleAt: 0, clickAt: 0 });
      document.addEventListener("click", () => (w.clickAt = performance.now()), { capture: true, once: true });
      if (!running) requestAnimationFrame(tick);
      running = true;
    },
  };
  let running = false;
  const tick = () => {
    const now = performance.now();
    const inView = visible();
    const list = document.querySelector(".messages");
    if (list && !w.hydratedAt && Object.keys(list).some((key) => key.startsWith("__reactFiber"))) w.hydratedAt = now;
    const virtual = document.querySelector(".messages-canvas") !== null;
    if (virtual && !w.virtualAt) w.virtualAt = now;
    if (virtual && inView && !w.virtualVisibleAt) w.virtualVisibleAt = now;
    if (inView && !w.visibleAt) {
      w.visibleAt = now;
      requestAnimationFrame(() => (w.paintedAt = performance.now()));
    }
    running = !w.visibleAt || !w.virtualVisibleAt;
    if (running) requestAnimationFrame(tick);
  };
  window.__bench = w;
  w.watch();
}

// ---- small helpers ----

function summary<T extends Record<string, number | boolean>>(runs: T[]) {
  const out: Record<string, string> = {};
  for (const key of Object.keys(runs[0] ?? {})) {
    const values = runs.map((r) => r[key]).filter((v): v is number => typeof v === "number");
    if (values.length) out[key] = `${p(values, 50)} / ${p(values, 95)}`;
  }
  return out;
}

function p(values: number[], pct: number) {
  return round(percentile(values, pct));
}

function round(n: number) {
  return Math.round(n * 10) / 10;
}

function kb(bytes: number) {
  return round(bytes / 1024);
}

function sum(values: number[]) {
  return values.reduce((a, b) => a + b, 0);
}

function basename(url: string) {
  return new URL(url).pathname.split("/").pop()!;
}

function cpuPressure() {
  try {
    const total = readFileSync("/proc/pressure/cpu", "utf8").match(/^some .*total=(\d+)/m)?.[1];
    return total ? { stall: Number(total), at: performance.now() * 1000 } : null;
  } catch {
    return null;
  }
}

function sleep(ms: number) {
  return new Promise((r) => setTimeout(r, ms));
}
