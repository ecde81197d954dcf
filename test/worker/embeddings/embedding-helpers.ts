/** What the embedder tests share: a fetch that records the requests, a sleep that only records, stub controls. */
import { env } from "cloudflare:test";
import { dot } from "../../../worker/embeddings/vector-blob";

export type Sent = { url: string; inputs: string[]; body: Record<string, unknown>; status: number };

/** A fetch that passes through and keeps each request's URL, inputs and the answer's status. */
export function recordingFetch() {
  const sent: Sent[] = [];
  const fetcher: typeof fetch = async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = (init?.body ? JSON.parse(String(init.body)) : {}) as Record<string, unknown>;
    const response = await fetch(input, init);
    sent.push({ url, inputs: ([] as string[]).concat((body.input as string | string[] | undefined) ?? []), body, status: response.status });
    return response;
  };
  return { fetch: fetcher, sent };
}

/** A sleep that returns at once and keeps the waits asked for. */
export function recordingSleep() {
  const waits: number[] = [];
  return { sleep: async (ms: number) => void waits.push(ms), waits };
}

/** Makes the stub at `origin` fail its next `count` embedding requests whose input contains `match`. */
export async function injectEmbedFailures(origin: string, fault: { count: number; match: string; status?: number; retryAfter?: number }) {
  const res = await fetch(`${origin}/_stub/embed-failures`, { method: "POST", body: JSON.stringify(fault) });
  if (!res.ok) throw new Error(`the stub refused the fault: ${res.status}`);
}

/** A marker no other test's texts contain, for failures meant for this test alone. */
export const marker = () => `marker-${crypto.randomUUID()}`;

export const openaiOrigin = () => env.OPENAI_STUB_URL.replace(/\/v1$/, "");

export const length = (v: Float32Array) => Math.sqrt(dot(v, v));
