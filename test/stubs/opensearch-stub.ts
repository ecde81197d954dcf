/**
 * A stand-in for an OpenSearch 2.19 cluster that speaks its real wire format, for the adapter
 * tests (test/worker/search/opensearch-*.test.ts) and the setup script: `GET /`, `HEAD|PUT|DELETE
 * /<index>`, `GET /<index>/_mapping`, `PUT|GET|DELETE /_search/pipeline/<id>`, `POST
 * /<index>/_bulk` (NDJSON, per-item results), `POST /<index>/_search` (with `search_pipeline`),
 * `POST /<index>/_delete_by_query`. Errors use OpenSearch's `{error:{root_cause,type,reason},status}`
 * envelope; a strict mapping and a knn_vector's dimension are enforced on writes.
 *
 * Every request is recorded under its target (the index, or the pipeline id) so that parallel
 * test files, each with its own index names, read only their own. Tests in workerd use HTTP:
 * `GET /_stub/requests?target=T`, `POST /_stub/faults?target=T` with `{throttle:{count, status?,
 * retryAfter?}, bulkItems:{<id>: "rejected" | "mapper_parsing"}}` (a rejected item fails once
 * with 429, a mapper_parsing one every time with 400), `POST /_stub/reset?target=T`.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { evaluate, filterSource, highlightsFor, hybrid, QueryError, type Scored, type Source, type StoredDoc } from "./opensearch-stub-queries.ts";
import { readBody } from "./stub-http.ts";

export type OpenSearchStubOptions = { port?: number; auth?: string; version?: string };
export type RecordedRequest = {
  target: string;
  method: string;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  contentType: string | null;
  /** The parsed JSON body; for `_bulk`, the NDJSON lines in `lines`. */
  body: unknown;
  lines?: unknown[];
  status: number;
};
export type StubFaults = {
  throttle?: { count: number; status?: number; retryAfter?: number | null };
  bulkItems?: Record<string, "rejected" | "mapper_parsing">;
};
export type OpenSearchStub = {
  url: string;
  requests(target: string): RecordedRequest[];
  inject(target: string, faults: StubFaults): void;
  reset(target: string): void;
  close(): Promise<void>;
};

type Index = { settings: Source; mappings: Source; docs: Map<string, Source> };
type Reply = { status: number; body?: unknown; headers?: Record<string, string> };
type Json = Record<string, unknown>;

export async function startOpenSearchStub(options: OpenSearchStubOptions = {}): Promise<OpenSearchStub> {
  const indexes = new Map<string, Index>();
  const pipelines = new Map<string, Json>();
  const recorded: RecordedRequest[] = [];
  const throttles = new Map<string, { count: number; status: number; retryAfter: number | null }>();
  const bulkFaults = new Map<string, Map<string, "rejected" | "mapper_parsing">>();
  let seqNo = 0;

  function inject(target: string, faults: StubFaults) {
    if (faults.throttle) throttles.set(target, { status: 429, retryAfter: null, ...faults.throttle });
    if (faults.bulkItems) bulkFaults.set(target, new Map(Object.entries(faults.bulkItems)));
  }
  function reset(target: string) {
    indexes.delete(target);
    pipelines.delete(target);
    throttles.delete(target);
    bulkFaults.delete(target);
    for (let i = recorded.length - 1; i >= 0; i--) if (recorded[i]!.target === target) recorded.splice(i, 1);
  }
  const requests = (target: string) => recorded.filter((r) => r.target === target);

  const server: Server = createServer((req, res) => {
    handle(req)
      .catch(errorReply)
      .then((reply) => {
        res.writeHead(reply.status, { ...(reply.body === undefined ? {} : { "content-type": "application/json; charset=UTF-8" }), ...reply.headers });
        res.end(reply.body === undefined || req.method === "HEAD" ? undefined : typeof reply.body === "string" ? reply.body : JSON.stringify(reply.body));
      })
      .catch(() => res.destroy());
  });

  async function handle(req: IncomingMessage): Promise<Reply> {
    const url = new URL(req.url ?? "/", "http://stub");
    const query = Object.fromEntries(url.searchParams);
    const segments = url.pathname.split("/").filter(Boolean).map(decodeURIComponent);
    const text = await readBody(req);
    if (segments[0] === "_stub") return control(segments[1], query.target ?? "", text);

    const target = segments[0] === "_search" && segments[1] === "pipeline" ? (segments[2] ?? "") : (segments[0] ?? "");
    const entry: RecordedRequest = {
      target,
      method: req.method ?? "GET",
      path: url.pathname,
      query,
      authorization: req.headers.authorization ?? null,
      contentType: req.headers["content-type"] ?? null,
      body: null,
      status: 0,
    };
    recorded.push(entry);
    const reply = await route(req, entry, segments, text).catch(errorReply);
    entry.status = reply.status;
    return reply;
  }

  function control(action: string | undefined, target: string, text: string): Reply {
    if (action === "requests") return { status: 200, body: requests(target) };
    if (action === "faults") return inject(target, JSON.parse(text) as StubFaults), { status: 200, body: { ok: true } };
    if (action === "reset") return reset(target), { status: 200, body: { ok: true } };
    return error(404, "stub_exception", `unknown stub control [${action}]`);
  }

  async function route(req: IncomingMessage, entry: RecordedRequest, segments: string[], text: string): Promise<Reply> {
    if (options.auth !== undefined && entry.authorization !== `Basic ${Buffer.from(options.auth).toString("base64")}`) {
      // The security plugin's answer: plain text, not the JSON envelope.
      return { status: 401, body: "Unauthorized", headers: { "content-type": "text/plain; charset=UTF-8", "www-authenticate": 'Basic realm="OpenSearch Security"' } };
    }
    if (text && !/^application\/(json|x-ndjson)\b/.test(entry.contentType ?? "")) {
      return { status: 406, body: { error: `Content-Type header [${entry.contentType ?? ""}] is not supported`, status: 406 } };
    }
    const isBulk = segments[1] === "_bulk";
    if (isBulk) entry.lines = text.split("\n").filter(Boolean).map(parseJson);
    else entry.body = text ? parseJson(text) : null;

    const throttle = throttles.get(entry.target);
    if (throttle && throttle.count > 0) {
      throttle.count -= 1;
      const headers: Record<string, string> = throttle.retryAfter === null ? {} : { "retry-after": String(throttle.retryAfter) };
      const type = throttle.status === 429 ? "es_rejected_execution_exception" : "unavailable_shards_exception";
      return { ...error(throttle.status, type, "rejected execution (stub fault)"), headers };
    }

    const method = req.method ?? "GET";
    const [first, second, third] = segments;
    if (!first) return method === "GET" ? { status: 200, body: info() } : noHandler(method, entry.path);
    if (first === "_search" && second === "pipeline" && third) return pipeline(method, third, entry.body as Json);
    if (first.startsWith("_")) return noHandler(method, entry.path);
    if (second === undefined) return indexItself(method, first, entry.body as Json | null);
    if (second === "_mapping" && method === "GET") {
      const index = indexes.get(first);
      return index ? { status: 200, body: { [first]: { mappings: index.mappings } } } : indexNotFound(first);
    }
    if (second === "_bulk" && (method === "POST" || method === "PUT")) return bulk(first, text, entry.lines ?? []);
    if (second === "_search" && (method === "POST" || method === "GET")) return search(first, (entry.body ?? {}) as Json, entry.query);
    if (second === "_delete_by_query" && method === "POST") return deleteByQuery(first, (entry.body ?? {}) as Json);
    return noHandler(method, entry.path);
  }

  function info() {
    const number = options.version ?? "2.19.0";
    return {
      name: "opensearch-stub",
      cluster_name: "marie-stub",
      cluster_uuid: "stub-cluster-uuid",
      version: { distribution: "opensearch", number, build_type: "tar", build_hash: "stub", build_date: "2025-01-01T00:00:00Z", build_snapshot: false, lucene_version: "9.12.1", minimum_wire_compatibility_version: "7.10.0", minimum_index_compatibility_version: "7.0.0" },
      tagline: "The OpenSearch Project: https://opensearch.org/",
    };
  }

  function indexItself(method: string, name: string, body: Json | null): Reply {
    const index = indexes.get(name);
    if (method === "HEAD") return { status: index ? 200 : 404 };
    if (method === "GET") return index ? { status: 200, body: { [name]: { aliases: {}, mappings: index.mappings, settings: index.settings } } } : indexNotFound(name);
    if (method === "DELETE") return index ? (indexes.delete(name), { status: 200, body: { acknowledged: true } }) : indexNotFound(name);
    if (method !== "PUT") return noHandler(method, `/${name}`);
    if (index) return error(400, "resource_already_exists_exception", `index [${name}/stubuuid] already exists`, { index: name, index_uuid: "stubuuid" });
    indexes.set(name, { settings: (body?.settings as Source) ?? {}, mappings: (body?.mappings as Source) ?? {}, docs: new Map() });
    return { status: 200, body: { acknowledged: true, shards_acknowledged: true, index: name } };
  }

  function pipeline(method: string, id: string, body: Json | null): Reply {
    if (method === "PUT") return pipelines.set(id, body ?? {}), { status: 200, body: { acknowledged: true } };
    const found = pipelines.get(id);
    if (!found) return error(404, "resource_not_found_exception", `Search pipeline [${id}] not found`);
    if (method === "GET") return { status: 200, body: { [id]: found } };
    if (method === "DELETE") return pipelines.delete(id), { status: 200, body: { acknowledged: true } };
    return noHandler(method, `/_search/pipeline/${id}`);
  }

  function bulk(name: string, text: string, lines: unknown[]): Reply {
    if (!text.endsWith("\n")) return error(400, "illegal_argument_exception", "The bulk request must be terminated by a newline [\\n]");
    // A write to a missing index creates it with dynamic mappings, as a default cluster does.
    const index = indexes.get(name) ?? { settings: {}, mappings: {}, docs: new Map<string, Source>() };
    indexes.set(name, index);
    const faults = bulkFaults.get(name);
    const items: Json[] = [];
    for (let i = 0; i < lines.length; i++) {
      const [action, meta] = Object.entries(lines[i] as Json)[0] as [string, Json];
      const id = String(meta._id ?? `auto-${++seqNo}`);
      const source = action === "delete" ? null : (lines[++i] as Source);
      const fault = faults?.get(id);
      if (fault === "rejected") faults!.delete(id);
      const failure =
        fault === "rejected" ? { status: 429, type: "es_rejected_execution_exception", reason: "rejected execution of coordinating operation (stub fault)" }
        : fault === "mapper_parsing" ? { status: 400, type: "mapper_parsing_exception", reason: `failed to parse document with id '${id}' (stub fault)` }
        : source ? checkMapping(index, id, source) : null;
      if (failure) {
        items.push({ [action]: { _index: name, _id: id, status: failure.status, error: { type: failure.type, reason: failure.reason, index: name, index_uuid: "stubuuid" } } });
        continue;
      }
      const existed = index.docs.has(id);
      if (action === "delete") index.docs.delete(id);
      else index.docs.set(id, source!);
      const result = action === "delete" ? (existed ? "deleted" : "not_found") : existed ? "updated" : "created";
      const status = action === "delete" ? (existed ? 200 : 404) : existed ? 200 : 201;
      items.push({ [action]: { _index: name, _id: id, _version: 1, result, _shards: { total: 2, successful: 1, failed: 0 }, _seq_no: ++seqNo, _primary_term: 1, status } });
    }
    const errors = items.some((item) => "error" in (Object.values(item)[0] as Json));
    return { status: 200, body: { took: 3, errors, items } };
  }

  function checkMapping(index: Index, id: string, source: Source) {
    const properties = (index.mappings.properties ?? {}) as Record<string, Json>;
    if (index.mappings.dynamic === "strict") {
      const extra = Object.keys(source).find((field) => !(field in properties));
      if (extra) return { status: 400, type: "strict_dynamic_mapping_exception", reason: `mapping set to strict, dynamic introduction of [${extra}] within [_doc] is not allowed` };
    }
    for (const [field, mapping] of Object.entries(properties)) {
      const value = source[field];
      if (mapping.type !== "knn_vector" || value === undefined || value === null) continue;
      if (!Array.isArray(value) || value.length !== mapping.dimension) {
        const given = Array.isArray(value) ? value.length : typeof value;
        return { status: 400, type: "mapper_parsing_exception", reason: `failed to parse field [${field}] of type [knn_vector] in document with id '${id}'. Vector dimension mismatch. Expected: ${String(mapping.dimension)}, Given: ${given}` };
      }
    }
    return null;
  }

  function search(name: string, body: Json, query: Record<string, string>): Reply {
    const index = indexes.get(name);
    if (!index) return indexNotFound(name);
    const docs: StoredDoc[] = [...index.docs].map(([id, source]) => ({ id, source }));
    const size = Number(body.size ?? 10);
    const q = (body.query ?? { match_all: {} }) as Json;
    let scored: Scored[];
    if ("hybrid" in q) {
      const pipelineId = query.search_pipeline;
      const found = pipelineId ? pipelines.get(pipelineId) : undefined;
      if (pipelineId && !found) return error(404, "resource_not_found_exception", `Pipeline ${pipelineId} is not defined`);
      scored = hybrid(q.hybrid as Json, docs, size, found);
    } else scored = evaluate(q, docs);
    const hits = scored.slice(0, size).map(({ doc, score }) => ({
      _index: name,
      _id: doc.id,
      _score: score,
      _source: filterSource(doc.source, body._source),
      ...highlightsFor(doc.source, body.highlight as Json | undefined, q),
    }));
    return {
      status: 200,
      body: { took: 2, timed_out: false, _shards: { total: 1, successful: 1, skipped: 0, failed: 0 }, hits: { total: { value: scored.length, relation: "eq" }, max_score: hits[0]?._score ?? null, hits } },
    };
  }

  function deleteByQuery(name: string, body: Json): Reply {
    const index = indexes.get(name);
    if (!index) return indexNotFound(name);
    if (!body.query) return error(400, "action_request_validation_exception", "Validation Failed: 1: query is missing;");
    const matched = evaluate(body.query as Json, [...index.docs].map(([id, source]) => ({ id, source })));
    for (const { doc } of matched) index.docs.delete(doc.id);
    const deleted = matched.length;
    return {
      status: 200,
      body: { took: 4, timed_out: false, total: deleted, deleted, batches: deleted ? 1 : 0, version_conflicts: 0, noops: 0, retries: { bulk: 0, search: 0 }, throttled_millis: 0, requests_per_second: -1, throttled_until_millis: 0, failures: [] },
    };
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    inject,
    reset,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function errorReply(err: unknown): Reply {
  return err instanceof QueryError ? error(err.status, err.type, err.message) : error(500, "exception", String(err));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new QueryError(400, "json_parse_exception", String(err));
  }
}

function error(status: number, type: string, reason: string, extra: Json = {}): Reply {
  const cause = { type, reason, ...extra };
  return { status, body: { error: { root_cause: [cause], ...cause }, status } };
}

function indexNotFound(name: string): Reply {
  return error(404, "index_not_found_exception", `no such index [${name}]`, { index: name, "resource.id": name, "resource.type": "index_or_alias", index_uuid: "_na_" });
}

function noHandler(method: string, path: string): Reply {
  return { status: 400, body: { error: `no handler found for uri [${path}] and method [${method}]` } };
}
