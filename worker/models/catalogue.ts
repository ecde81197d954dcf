/**
 * The model catalogue: every model of every reachable provider, with each Ollama host's health.
 * Briefly cached in KV (a minute, KV's shortest TTL) so the picker and each send do not probe
 * every GPU host; `refresh` bypasses the cache.
 */
import { Ollama } from "ollama/browser";
import type { Config } from "../config/config";

export type ModelEntry = { id: string; provider: "ollama" | "openai"; hosts: string[] };
export type HostEntry = { host: string; ok: boolean; error?: string; models: string[]; loaded?: string[] };
export type Catalogue = { models: ModelEntry[]; hosts: HostEntry[]; fetchedAt: string };

const KEY = "models:catalogue";
const TTL_SECONDS = 60;
const PROBE_MS = 2_000;

// A few seconds in the isolate on top of KV: every send checks its model, and a KV read per
// send would sit on the time to first token.
const MEMO_MS = 10_000;
let memo: { at: number; catalogue: Catalogue } | null = null;

export async function getCatalogue(kv: KVNamespace, config: Config, options: { refresh?: boolean } = {}): Promise<Catalogue> {
  if (!options.refresh) {
    if (memo && Date.now() - memo.at < MEMO_MS && sameHosts(memo.catalogue, config)) return memo.catalogue;
    const cached = await kv.get<Catalogue>(KEY, "json").catch(() => null);
    if (cached && sameHosts(cached, config)) return remember(cached);
  }
  const catalogue = await buildCatalogue(config);
  await kv.put(KEY, JSON.stringify(catalogue), { expirationTtl: TTL_SECONDS }).catch(() => {});
  return remember(catalogue);
}

function remember(catalogue: Catalogue) {
  memo = { at: Date.now(), catalogue };
  return catalogue;
}

/** The catalogue if it offers the model, else null; a miss re-reads the hosts once, so a new pull is seen. */
export async function catalogueWith(kv: KVNamespace, config: Config, model: string): Promise<Catalogue | null> {
  const has = (c: Catalogue) => c.models.some((m) => m.id === model);
  const cached = await getCatalogue(kv, config);
  if (has(cached)) return cached;
  const fresh = await getCatalogue(kv, config, { refresh: true });
  return has(fresh) ? fresh : null;
}

async function buildCatalogue(config: Config): Promise<Catalogue> {
  const hosts = await Promise.all(config.OLLAMA_HOSTS.map(probeHost));
  const byModel = new Map<string, ModelEntry>();
  const embedding = withoutLatest(config.EMBEDDING_MODEL);
  for (const host of hosts) {
    // The embedding model serves search, not chat: it is no choice in the model picker.
    for (const id of host.models.filter((m) => withoutLatest(m) !== embedding)) {
      const entry = byModel.get(id) ?? { id, provider: "ollama" as const, hosts: [] };
      entry.hosts.push(host.host);
      byModel.set(id, entry);
    }
  }
  if (config.OPENAI_API_KEY) {
    for (const id of config.OPENAI_MODELS) if (!byModel.has(id)) byModel.set(id, { id, provider: "openai", hosts: [config.OPENAI_BASE_URL] });
  }
  const models = [...byModel.values()].sort((a, b) => a.id.localeCompare(b.id));
  return { models, hosts, fetchedAt: new Date().toISOString() };
}

async function probeHost(host: string): Promise<HostEntry> {
  const client = new Ollama({ host, fetch: (input, init) => fetch(input, { ...init, signal: AbortSignal.timeout(PROBE_MS) }) });
  try {
    const [{ models }, running] = await Promise.all([client.list(), client.ps().catch(() => ({ models: [] }))]);
    return { host, ok: true, models: models.map((m) => m.name), loaded: running.models.map((m) => m.name) };
  } catch (err) {
    return { host, ok: false, error: err instanceof Error ? err.message : String(err), models: [] };
  }
}

function sameHosts(catalogue: Catalogue, config: Config) {
  return catalogue.hosts.map((h) => h.host).join(",") === config.OLLAMA_HOSTS.join(",");
}

/** Ollama names `nomic-embed-text` and `nomic-embed-text:latest` the same model. */
function withoutLatest(name: string) {
  return name.replace(/:latest$/, "");
}
