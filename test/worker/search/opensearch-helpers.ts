/**
 * Shared by the OpenSearch adapter tests: a fresh index and pipeline on the OpenSearch stub
 * (test/stubs/opensearch-stub.ts) per test, the adapter pointed at them with a recording `sleep`,
 * and the stub's recordings and fault controls, reached over HTTP from workerd.
 */
import { env } from "cloudflare:test";
import { indexBody, pipelineBody } from "../../../worker/search/opensearch/index-definition";
import { openSearchIndex } from "../../../worker/search/opensearch/opensearch-index";
import { expect } from "vitest";
import { SearchBackendError, type SearchDoc, type SearchQuery } from "../../../worker/search/port";

// Mirrors test/global-setup.ts and test/stubs/opensearch-stub.ts, which belong to the Node project.
type SetupRun = { url: string; auth: string; index: string; pipeline: string; dimensions: number; results: { version: string; index: string; pipeline: string }[]; log: string[]; error: string | null };
export type RecordedRequest = { target: string; method: string; path: string; query: Record<string, string>; authorization: string | null; contentType: string | null; body: unknown; lines?: unknown[]; status: number };
export type StubFaults = { throttle?: { count: number; status?: number; retryAfter?: number | null }; bulkItems?: Record<string, "rejected" | "mapper_parsing"> };

type OpenSearchTestEnv = {
  OPENSEARCH_STUB_URL: string;
  OPENSEARCH_STUB_AUTH: string;
  OPENSEARCH_SETUP_RUNS: { stub: SetupRun; real: SetupRun | null };
  REAL_OPENSEARCH_URL: string;
  REAL_OPENSEARCH_AUTH: string;
};

/** The bindings vitest.config.ts adds for these tests. */
export const testEnv = env as typeof env & OpenSearchTestEnv;

/** Vector size of the test index: small enough to write vectors by hand. */
export const DIMENSIONS = 4;

const stubHeaders = () => ({ authorization: `Basic ${btoa(testEnv.OPENSEARCH_STUB_AUTH)}`, "content-type": "application/json" });

export async function stubCall(method: string, path: string, body?: unknown) {
  const res = await fetch(`${testEnv.OPENSEARCH_STUB_URL}${path}`, { method, headers: stubHeaders(), body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.text()) || null };
}

export async function recorded(target: string): Promise<RecordedRequest[]> {
  return (await (await fetch(`${testEnv.OPENSEARCH_STUB_URL}/_stub/requests?target=${encodeURIComponent(target)}`)).json()) as RecordedRequest[];
}

/** A new index (and pipeline) on the stub with the adapter for it; `create: false` leaves both missing. */
export async function freshIndex(options: { create?: boolean; auth?: string } = {}) {
  const name = `t-${crypto.randomUUID().slice(0, 12)}`;
  const pipeline = `${name}-hybrid`;
  if (options.create !== false) {
    await stubCall("PUT", `/${name}`, indexBody(DIMENSIONS));
    await stubCall("PUT", `/_search/pipeline/${pipeline}`, pipelineBody());
  }
  const waits: number[] = [];
  const adapter = openSearchIndex({
    url: testEnv.OPENSEARCH_STUB_URL,
    auth: options.auth ?? testEnv.OPENSEARCH_STUB_AUTH,
    index: name,
    pipeline,
    sleep: async (ms) => void waits.push(ms),
  });
  return {
    name,
    pipeline,
    adapter,
    waits,
    /** What the adapter sent to this index: the helper's own set-up requests left out. */
    requests: async () => (await recorded(name)).filter((r) => !(r.method === "PUT" && r.path === `/${name}`)),
    /** The requests to one endpoint, e.g. "_search". */
    sent: async (endpoint: string) => (await recorded(name)).filter((r) => r.path === `/${name}/${endpoint}`),
    faults: async (faults: StubFaults) => {
      await fetch(`${testEnv.OPENSEARCH_STUB_URL}/_stub/faults?target=${encodeURIComponent(name)}`, { method: "POST", body: JSON.stringify(faults) });
    },
  };
}

export const vec = (...values: number[]) => new Float32Array(values);

/** A search for "paris trip" by u1, hybrid, with a vector that matches `vec(1, 0, 0, 0)`. */
export const searchQuery = (over: Partial<SearchQuery> = {}): SearchQuery => ({ userId: "u1", text: "paris trip", mode: "hybrid", vector: vec(1, 0, 0, 0), limit: 10, ...over });

let clock = Date.UTC(2026, 0, 1);

export function doc(messageId: string, content: string, embedding: Float32Array | null, rest: Partial<SearchDoc> = {}): SearchDoc {
  return { messageId, userId: "u1", conversationId: "c1", role: "user", content, createdAt: (clock += 1_000), embedding, ...rest };
}

/** The SearchBackendError a promise rejects with (fails the test when it resolves or throws another). */
export async function caught(promise: Promise<unknown>): Promise<SearchBackendError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SearchBackendError);
  return err as SearchBackendError;
}
