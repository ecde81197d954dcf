/**
 * Readiness checks: configuration, D1, KV, each Ollama host and OpenSearch when configured.
 * Each check has its own time limit and reports `{ok, latencyMs, error?, hint?}`.
 */
import { getConfig, ConfigError, type Config } from "../config/config";
import type { Env } from "../env";

export type CheckResult = { ok: boolean; latencyMs: number; error?: string; hint?: string };

const TIMEOUT_MS = 2_000;

export async function runReadinessChecks(env: Env): Promise<Record<string, CheckResult>> {
  let config: Config;
  try {
    config = getConfig(env);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    return { config: { ok: false, latencyMs: 0, error: err.message } };
  }
  const checks: [string, () => Promise<unknown>, string?][] = [
    ["d1", () => env.DB.prepare("SELECT 1").first()],
    ["kv", () => env.KV.get("health:probe")],
    ...config.OLLAMA_HOSTS.map(
      (host): [string, () => Promise<unknown>, string] => [
        `ollama:${host}`,
        () => probe(`${host.replace(/\/$/, "")}/api/version`),
        `Start Ollama on ${host} (run "ollama serve" there), point OLLAMA_HOSTS at a running host, or set OPENAI_API_KEY for an OpenAI-compatible API.`,
      ],
    ),
  ];
  if (config.OPENSEARCH_URL) {
    const url = config.OPENSEARCH_URL;
    const auth = config.OPENSEARCH_AUTH;
    checks.push(["opensearch", () => probe(url, auth ? { authorization: `Basic ${btoa(auth)}` } : {})]);
  }
  const results = await Promise.all(checks.map(([, run, hint]) => timed(run, hint)));
  return { config: { ok: true, latencyMs: 0 }, ...Object.fromEntries(checks.map(([name], i) => [name, results[i]!])) };
}

async function probe(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  await res.body?.cancel();
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
}

async function timed(run: () => Promise<unknown>, hint?: string): Promise<CheckResult> {
  const started = performance.now();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const task = run();
  task.catch(() => {}); // a late failure after the time limit must not surface as unhandled
  try {
    await Promise.race([
      task,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { ok: true, latencyMs: elapsed(started) };
  } catch (err) {
    const error = err instanceof Error ? err.message : String(err);
    return { ok: false, latencyMs: elapsed(started), error, ...(hint ? { hint } : {}) };
  } finally {
    clearTimeout(timer);
  }
}

const elapsed = (since: number) => Math.round(performance.now() - since);
