/**
 * Query evaluation for the OpenSearch stub (opensearch-stub.ts): enough of the query DSL for
 * MARIE's bodies, with real semantics where they matter to the tests. `term` and `terms` filter
 * exactly; `match` scores by word overlap (a stand-in for BM25); `knn` scores by cosine as the
 * Lucene engine's cosinesimil space does, (1 + cos) / 2, keeping the k nearest that pass its
 * filter; `bool` combines them; `hybrid` runs each sub-query, then the search pipeline's
 * normalization processor (min_max, arithmetic_mean with weights) fuses them. Highlights mark the
 * matched words with the requested tags. An unknown query is a 400 `parsing_exception`, as on a
 * real cluster.
 */
export type Source = Record<string, unknown>;
export type StoredDoc = { id: string; source: Source };
export type Scored = { doc: StoredDoc; score: number };
type Query = Record<string, unknown>;

export class QueryError extends Error {
  readonly status: number;
  readonly type: string;
  constructor(status: number, type: string, reason: string) {
    super(reason);
    this.status = status;
    this.type = type;
  }
}

const words = (text: string) => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/** The documents `query` matches, with their scores, best first (ties keep insertion order). */
export function evaluate(query: Query, docs: StoredDoc[]): Scored[] {
  const [type, body] = single(query);
  switch (type) {
    case "match_all":
      return docs.map((doc) => ({ doc, score: 1 }));
    case "term": {
      const [field, spec] = single(body as Query);
      const value = isObject(spec) ? spec.value : spec;
      return docs.filter((doc) => doc.source[field] === value).map((doc) => ({ doc, score: 1 }));
    }
    case "terms": {
      const [field, values] = single(body as Query);
      return docs.filter((doc) => (values as unknown[]).includes(doc.source[field])).map((doc) => ({ doc, score: 1 }));
    }
    case "match": {
      const [field, spec] = single(body as Query);
      const text = String(isObject(spec) ? spec.query : spec);
      return sorted(docs.map((doc) => ({ doc, score: overlap(text, String(doc.source[field] ?? "")) })).filter((s) => s.score > 0));
    }
    case "bool":
      return sorted(bool(body as Query, docs));
    case "knn":
      return knn(body as Query, docs);
    case "hybrid":
      throw new QueryError(400, "illegal_argument_exception", "hybrid query must be a top level query and cannot be wrapped into other queries");
    default:
      throw new QueryError(400, "parsing_exception", `unknown query [${type}]`);
  }
}

/** `hybrid`: each sub-query's top `size`, min-max normalised, then the weighted arithmetic mean. */
export function hybrid(body: Query, docs: StoredDoc[], size: number, pipeline: Query | undefined): Scored[] {
  const queries = body.queries as Query[];
  if (!pipeline) throw new QueryError(400, "illegal_argument_exception", "hybrid query needs a search pipeline with a normalization-processor");
  const processor = ((pipeline.phase_results_processors as Query[] | undefined) ?? []).map((p) => p["normalization-processor"] as Query | undefined).find(Boolean);
  const normalization = (processor?.normalization as Query | undefined)?.technique ?? "min_max";
  const combination = (processor?.combination as Query | undefined) ?? {};
  const weights = ((combination.parameters as Query | undefined)?.weights as number[] | undefined) ?? queries.map(() => 1 / queries.length);
  if (normalization !== "min_max" || (combination.technique ?? "arithmetic_mean") !== "arithmetic_mean") {
    throw new QueryError(400, "illegal_argument_exception", "the stub implements min_max normalization and arithmetic_mean combination only");
  }
  if (weights.length !== queries.length) {
    throw new QueryError(400, "illegal_argument_exception", `number of weights [${weights.length}] must match number of sub-queries [${queries.length}] in hybrid query`);
  }
  // Scores start at -1 (absent), as in neural-search's combiner: absent sub-queries do not count.
  const perDoc = new Map<string, { doc: StoredDoc; scores: number[] }>();
  queries.forEach((sub, i) => {
    const top = evaluate(sub, docs).slice(0, size);
    const scores = top.map((s) => s.score);
    const [min, max] = [Math.min(...scores), Math.max(...scores)];
    for (const { doc, score } of top) {
      const normalised = max === min ? 1 : (score - min) / (max - min) || 0.001;
      const entry = perDoc.get(doc.id) ?? { doc, scores: queries.map(() => -1) };
      entry.scores[i] = normalised;
      perDoc.set(doc.id, entry);
    }
  });
  const order = new Map(docs.map((doc, i) => [doc.id, i]));
  return [...perDoc.values()]
    .map(({ doc, scores }) => {
      const present = scores.map((s, i) => [s, weights[i]!] as const).filter(([s]) => s >= 0);
      const total = present.reduce((sum, [, w]) => sum + w, 0);
      return { doc, score: total ? present.reduce((sum, [s, w]) => sum + s * w, 0) / total : 0 };
    })
    .sort((a, b) => b.score - a.score || order.get(a.doc.id)! - order.get(b.doc.id)!);
}

function bool(body: Query, docs: StoredDoc[]): Scored[] {
  const list = (key: string) => {
    const value = body[key];
    return value === undefined ? [] : Array.isArray(value) ? (value as Query[]) : [value as Query];
  };
  const scoreMaps = (key: string) => list(key).map((q) => new Map(evaluate(q, docs).map((s) => [s.doc.id, s.score])));
  const [must, filter, should, mustNot] = [scoreMaps("must"), scoreMaps("filter"), scoreMaps("should"), scoreMaps("must_not")];
  const needShould = must.length === 0 && filter.length === 0 && should.length > 0 ? 1 : Number(body.minimum_should_match ?? 0);
  return docs.flatMap((doc) => {
    if (![...must, ...filter].every((m) => m.has(doc.id)) || mustNot.some((m) => m.has(doc.id))) return [];
    const shouldHits = should.filter((m) => m.has(doc.id));
    if (shouldHits.length < needShould) return [];
    const score = [...must, ...shouldHits].reduce((sum, m) => sum + m.get(doc.id)!, 0);
    return [{ doc, score: must.length || shouldHits.length ? score : 0 }];
  });
}

function knn(body: Query, docs: StoredDoc[]): Scored[] {
  const [field, spec] = single(body);
  const { vector, k, filter } = spec as { vector: number[]; k: number; filter?: Query };
  if (!Array.isArray(vector) || typeof k !== "number") throw new QueryError(400, "parsing_exception", "[knn] requires vector and k");
  const allowed = filter ? new Set(evaluate(filter, docs).map((s) => s.doc.id)) : null;
  return sorted(
    docs
      .filter((doc) => Array.isArray(doc.source[field]) && (!allowed || allowed.has(doc.id)))
      .map((doc) => ({ doc, score: (1 + cosine(vector, doc.source[field] as number[])) / 2 })),
  ).slice(0, k);
}

function cosine(a: number[], b: number[]) {
  let [dot, na, nb] = [0, 0, 0];
  a.forEach((x, i) => {
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  });
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

function overlap(query: string, text: string) {
  const present = new Set(words(text));
  return [...new Set(words(query))].reduce((n, w) => n + (present.has(w) ? 1 : 0), 0);
}

/** The first fragment of `text` around the words of `query`, the words wrapped in the tags. */
export function highlightFragment(text: string, query: string, options: { pre: string; post: string; size: number; html: boolean }): string | null {
  const wanted = new Set(words(query));
  const spans = [...text.matchAll(/[\p{L}\p{N}]+/gu)].filter((m) => wanted.has(m[0].toLowerCase())).map((m) => [m.index, m.index + m[0].length] as const);
  if (!spans.length) return null;
  let start = 0;
  let end = text.length;
  if (options.size > 0 && text.length > options.size) {
    start = Math.max(0, text.lastIndexOf(" ", Math.max(0, spans[0]![0] - 20)) + 1);
    if (start > spans[0]![0]) start = 0;
    end = Math.min(text.length, start + options.size);
  }
  const encode = (s: string) => (options.html ? s.replace(/[&<>"'/]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#x27;", "/": "&#x2F;" })[c]!) : s);
  let out = "";
  let at = start;
  for (const [s, e] of spans.filter(([s, e]) => s >= start && e <= end)) {
    out += `${encode(text.slice(at, s))}${options.pre}${encode(text.slice(s, e))}${options.post}`;
    at = e;
  }
  return out + encode(text.slice(at, end));
}

/** The text of every `match` on `field` in a query, for highlighting. */
export function matchTexts(query: unknown, field: string): string[] {
  if (!isObject(query)) return Array.isArray(query) ? query.flatMap((q) => matchTexts(q, field)) : [];
  return Object.entries(query).flatMap(([key, value]) => {
    if (key === "match" && isObject(value) && field in value) {
      const spec = value[field];
      return [String(isObject(spec) ? spec.query : spec)];
    }
    return key === "knn" ? [] : matchTexts(value, field);
  });
}

/** `_source` filtering: `false`, a list of fields, or `{includes, excludes}`. */
export function filterSource(source: Source, spec: unknown): Source | undefined {
  if (spec === false) return undefined;
  const excludes = Array.isArray((spec as Query | undefined)?.excludes) ? ((spec as Query).excludes as string[]) : [];
  const includes = Array.isArray(spec) ? (spec as string[]) : Array.isArray((spec as Query | undefined)?.includes) ? ((spec as Query).includes as string[]) : null;
  return Object.fromEntries(Object.entries(source).filter(([field]) => !excludes.includes(field) && (!includes || includes.includes(field))));
}

/** A hit's `highlight` object for the request's `highlight` spec (one fragment a field). */
export function highlightsFor(source: Source, spec: Query | undefined, query: Query) {
  const fields = (spec?.fields ?? {}) as Record<string, Query>;
  const highlight: Record<string, string[]> = {};
  for (const [field, options] of Object.entries(fields)) {
    const texts = matchTexts(options.highlight_query ?? spec?.highlight_query ?? query, field);
    const fragment = highlightFragment(String(source[field] ?? ""), texts.join(" "), {
      pre: ((options.pre_tags ?? spec?.pre_tags) as string[] | undefined)?.[0] ?? "<em>",
      post: ((options.post_tags ?? spec?.post_tags) as string[] | undefined)?.[0] ?? "</em>",
      size: Number(options.number_of_fragments ?? spec?.number_of_fragments ?? 5) === 0 ? 0 : Number(options.fragment_size ?? spec?.fragment_size ?? 100),
      html: (options.encoder ?? spec?.encoder) === "html",
    });
    if (fragment !== null) highlight[field] = [fragment];
  }
  return Object.keys(highlight).length ? { highlight } : {};
}

function sorted(list: Scored[]) {
  return list.map((s, i) => ({ s, i })).sort((a, b) => b.s.score - a.s.score || a.i - b.i).map(({ s }) => s);
}

function single(query: Query): [string, unknown] {
  const entries = Object.entries(query ?? {});
  if (entries.length !== 1) throw new QueryError(400, "parsing_exception", `expected one query clause, got [${entries.map(([k]) => k).join(", ")}]`);
  return entries[0]!;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
