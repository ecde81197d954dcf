// `npm run search:setup`: makes an OpenSearch cluster ready for MARIE's search. Creates the index
// (when missing) with its knn_vector mapping and puts the hybrid search pipeline; both bodies come
// from worker/search/opensearch/index-definition.ts, which the Worker's adapter is tested against.
// Idempotent: a second run changes nothing. Refuses clusters older than 2.11 (no hybrid query or
// normalization processor) and an existing index whose vector size is not --dimensions.
//
//   OPENSEARCH_URL=https://search.example.com:9200 OPENSEARCH_AUTH=admin:secret npm run search:setup -- --dimensions 768
//
// Settings come from flags, else from the environment (OPENSEARCH_URL, OPENSEARCH_AUTH,
// OPENSEARCH_INDEX, OPENSEARCH_PIPELINE), else from MARIE's defaults. Prefer the environment for
// the password: a flag shows in the process list. The password is never printed.
import { Client } from "@opensearch-project/opensearch";
import { isDeepStrictEqual, parseArgs } from "node:util";
import { HYBRID_WEIGHTS, indexBody, MIN_OPENSEARCH_VERSION, pipelineBody } from "../worker/search/opensearch/index-definition.ts";

export type SetupOptions = {
  url: string;
  /** `user:password`, sent as HTTP Basic. */
  auth?: string;
  index: string;
  pipeline: string;
  dimensions: number;
  /** Accept a self-signed TLS certificate. */
  insecure?: boolean;
  log?: (line: string) => void;
};

export type SetupResult = { version: string; index: "created" | "exists"; pipeline: "created" | "updated" | "unchanged" };

/** A refusal the operator must act on (an old cluster, a mismatched index), not a crash. */
export class SetupError extends Error {}

const USAGE = `Usage: npm run search:setup -- [--dimensions N] [--url URL] [--index NAME] [--pipeline NAME] [--auth USER:PASSWORD] [--insecure]
  --dimensions  numbers per embedding vector (default 768, nomic-embed-text)
  --url         the cluster (default $OPENSEARCH_URL, else http://localhost:9200)
  --index       index name (default $OPENSEARCH_INDEX, else marie-messages)
  --pipeline    search pipeline id (default $OPENSEARCH_PIPELINE, else marie-hybrid)
  --auth        user:password for HTTP Basic (default $OPENSEARCH_AUTH; prefer the variable)
  --insecure    accept a self-signed TLS certificate`;

export async function searchSetup(options: SetupOptions): Promise<SetupResult> {
  const log = options.log ?? console.log;
  const url = new URL(options.url);
  const auth = options.auth ?? (url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined);
  url.username = "";
  url.password = "";
  const split = auth?.indexOf(":") ?? -1;
  const user = auth && split >= 0 ? auth.slice(0, split) : auth;
  const client = new Client({
    node: url.href,
    ...(auth ? { auth: { username: user!, password: split < 0 ? "" : auth.slice(split + 1) } } : {}),
    ...(options.insecure ? { ssl: { rejectUnauthorized: false } } : {}),
  });
  try {
    const version = await checkVersion(client, url.origin);
    log(`OpenSearch ${version} at ${url.origin}${user ? ` (as ${user})` : ""}`);
    const index = await ensureIndex(client, options.index, options.dimensions);
    log(`index ${options.index}: ${index === "created" ? "created" : "already there"} (knn_vector, ${options.dimensions} dimensions, hnsw on lucene, cosinesimil)`);
    const pipeline = await putPipeline(client, options.pipeline);
    log(`search pipeline ${options.pipeline}: ${pipeline} (min_max, arithmetic_mean, weights ${HYBRID_WEIGHTS.join("/")} for words/meaning)`);
    return { version, index, pipeline };
  } finally {
    await client.close();
  }
}

async function checkVersion(client: Client, origin: string): Promise<string> {
  let body: { version?: { number?: string; distribution?: string } };
  try {
    body = (await client.info()).body as typeof body;
  } catch (err) {
    const status = statusOf(err);
    if (status === 401 || status === 403) throw new SetupError(`OpenSearch at ${origin} refused the credentials (${status}): set OPENSEARCH_AUTH to user:password.`);
    throw new SetupError(`Cannot reach OpenSearch at ${origin}: ${status ? `HTTP ${status}` : message(err)}`);
  }
  const number = body.version?.number ?? "unknown";
  if (body.version?.distribution !== "opensearch") throw new SetupError(`${origin} is not OpenSearch (it reports version ${number} and no "opensearch" distribution).`);
  const [major = 0, minor = 0] = number.split(".").map(Number);
  const [needMajor, needMinor] = MIN_OPENSEARCH_VERSION;
  if (major < needMajor || (major === needMajor && minor < needMinor)) {
    throw new SetupError(`OpenSearch ${number} is too old: MARIE's hybrid search needs ${needMajor}.${needMinor} or newer (the hybrid query and the normalization processor). Upgrade the cluster.`);
  }
  return number;
}

async function ensureIndex(client: Client, index: string, dimensions: number): Promise<"created" | "exists"> {
  if (!(await client.indices.exists({ index })).body) {
    try {
      await client.indices.create({ index, body: indexBody(dimensions) as never });
      return "created";
    } catch (err) {
      if (errorType(err) !== "resource_already_exists_exception") throw err; // created meanwhile: check it as an existing one
    }
  }
  const mappings = (await client.indices.getMapping({ index })).body[index]?.mappings as { properties?: Record<string, { type?: string; dimension?: number }> } | undefined;
  const embedding = mappings?.properties?.embedding;
  if (embedding?.type !== "knn_vector" || embedding.dimension !== dimensions) {
    const found = embedding ? `${embedding.type}${embedding.dimension ? ` of ${embedding.dimension} dimensions` : ""}` : "no embedding field";
    throw new SetupError(`Index ${index} exists with ${found}, not knn_vector of ${dimensions}: pass the --dimensions of the embedding model it was made for, or choose another OPENSEARCH_INDEX (then reindex).`);
  }
  return "exists";
}

async function putPipeline(client: Client, id: string): Promise<SetupResult["pipeline"]> {
  const wanted = pipelineBody();
  let current: unknown;
  try {
    current = ((await client.searchPipeline.get({ id })).body as Record<string, unknown>)[id];
  } catch (err) {
    if (statusOf(err) !== 404) throw err;
  }
  if (current !== undefined && isDeepStrictEqual(current, wanted)) return "unchanged";
  await client.searchPipeline.put({ id, body: wanted as never });
  return current === undefined ? "created" : "updated";
}

function statusOf(err: unknown) {
  return (err as { meta?: { statusCode?: number } }).meta?.statusCode;
}

function errorType(err: unknown) {
  return (err as { meta?: { body?: { error?: { type?: string } } } }).meta?.body?.error?.type;
}

function message(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}

async function main() {
  const { values } = parseArgs({
    options: {
      dimensions: { type: "string", default: "768" },
      url: { type: "string" },
      auth: { type: "string" },
      index: { type: "string" },
      pipeline: { type: "string" },
      insecure: { type: "boolean", default: false },
      help: { type: "boolean", short: "h", default: false },
    },
  });
  if (values.help) return console.log(USAGE);
  const dimensions = Number(values.dimensions);
  if (!Number.isInteger(dimensions) || dimensions < 1 || dimensions > 16_000) throw new SetupError(`--dimensions must be a whole number from 1 to 16000, not "${values.dimensions}"`);
  const env = (name: string) => process.env[name]?.trim() || undefined;
  await searchSetup({
    url: values.url ?? env("OPENSEARCH_URL") ?? "http://localhost:9200",
    auth: values.auth ?? env("OPENSEARCH_AUTH"),
    index: values.index ?? env("OPENSEARCH_INDEX") ?? "marie-messages",
    pipeline: values.pipeline ?? env("OPENSEARCH_PIPELINE") ?? "marie-hybrid",
    dimensions,
    insecure: values.insecure,
  });
}

if (import.meta.main) {
  main().catch((err: unknown) => {
    console.error(err instanceof SetupError ? err.message : `search setup failed: ${message(err)}`);
    process.exitCode = 1;
  });
}
