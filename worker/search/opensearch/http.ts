/**
 * The OpenSearch adapter's HTTP client: plain fetch (the official client needs Node), HTTP Basic
 * auth, and retries of 429, 5xx and network errors with capped exponential backoff and jitter,
 * honouring Retry-After. Failures become SearchBackendError; messages name the method and path,
 * never the credentials.
 */
import { jitteredBackoffMs, retryAfterHeaderMs } from "../../http/backoff";
import { SearchBackendError } from "../port";

export type HttpOptions = {
  url: string;
  /** `user:password`, sent as HTTP Basic. A user and password in `url` are used when this is unset. */
  auth?: string;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
};

export type HttpRequest = {
  method: "GET" | "HEAD" | "PUT" | "POST" | "DELETE";
  path: string;
  query?: Record<string, string>;
  /** A JSON body, or an NDJSON string for `_bulk`. */
  body?: unknown;
  ndjson?: string;
};

export type HttpResponse<T> = { status: number; body: T };

export type OpenSearchHttp = {
  /**
   * Sends a request, retrying transient failures. Resolves on 2xx and on the statuses in `accept`;
   * throws SearchBackendError on anything else, or when the attempts run out.
   */
  send<T>(request: HttpRequest, accept?: number[]): Promise<HttpResponse<T>>;
  /** Waits before retry number `attempt` (1-based) of work the caller repeats itself. */
  backoff(attempt: number, retryAfter?: string | null): Promise<void>;
};

export const MAX_ATTEMPTS = 4;
export const BASE_DELAY_MS = 250;
export const MAX_DELAY_MS = 10_000;
const TIMEOUT_MS = 15_000;

export function isRetryable(status: number) {
  return status === 429 || status >= 500;
}

/** The wait before retry `attempt`: Retry-After when the server gave one, else 2^n × base with jitter. */
export function retryDelay(attempt: number, retryAfter?: string | null, random = Math.random): number {
  const asked = retryAfterHeaderMs(retryAfter);
  if (asked !== undefined) return Math.min(asked, MAX_DELAY_MS);
  return Math.round(jitteredBackoffMs(attempt, BASE_DELAY_MS, MAX_DELAY_MS, random));
}

export function openSearchHttp(options: HttpOptions): OpenSearchHttp {
  const base = new URL(options.url);
  const auth = options.auth ?? (base.username ? `${decodeURIComponent(base.username)}:${decodeURIComponent(base.password)}` : undefined);
  base.username = "";
  base.password = "";
  const root = base.href.replace(/\/+$/, "");
  const doFetch = options.fetch ?? ((input, init) => fetch(input, init));
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const authorization = auth ? `Basic ${basic(auth)}` : undefined;
  const backoff = (attempt: number, retryAfter?: string | null) => sleep(retryDelay(attempt, retryAfter));

  async function send<T>(request: HttpRequest, accept: number[] = []): Promise<HttpResponse<T>> {
    const what = `OpenSearch ${request.method} ${request.path}`;
    const query = request.query && Object.keys(request.query).length ? `?${new URLSearchParams(request.query)}` : "";
    const headers: Record<string, string> = { accept: "application/json" };
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (request.ndjson !== undefined) {
      headers["content-type"] = "application/x-ndjson";
      body = request.ndjson;
    } else if (request.body !== undefined) {
      headers["content-type"] = "application/json";
      body = JSON.stringify(request.body);
    }
    for (let attempt = 1; ; attempt++) {
      let res: Response;
      try {
        res = await doFetch(`${root}${request.path}${query}`, { method: request.method, headers, body, signal: AbortSignal.timeout(TIMEOUT_MS) });
      } catch (err) {
        if (attempt >= MAX_ATTEMPTS) throw new SearchBackendError(`${what} failed after ${attempt} attempts: ${err instanceof Error ? err.message : String(err)}`);
        await backoff(attempt);
        continue;
      }
      const text = await res.text();
      if (res.ok || accept.includes(res.status)) return { status: res.status, body: parseBody<T>(text, what) };
      if (!isRetryable(res.status)) throw new SearchBackendError(`${what} failed: ${res.status} ${describe(text)}`, res.status);
      if (attempt >= MAX_ATTEMPTS) throw new SearchBackendError(`${what} failed after ${attempt} attempts: ${res.status} ${describe(text)}`, res.status);
      await backoff(attempt, res.headers.get("retry-after"));
    }
  }

  return { send, backoff };
}

function parseBody<T>(text: string, what: string): T {
  try {
    return (text ? JSON.parse(text) : null) as T;
  } catch {
    throw new SearchBackendError(`${what} answered with something other than JSON: ${text.slice(0, 100)}`);
  }
}

/** OpenSearch's error envelope `{error: {type, reason}, status}` as `type: reason`, short. */
function describe(text: string): string {
  let detail = text;
  try {
    const parsed = JSON.parse(text) as { error?: string | { type?: string; reason?: string } };
    if (typeof parsed.error === "string") detail = parsed.error;
    else if (parsed.error) detail = `${parsed.error.type ?? "error"}: ${parsed.error.reason ?? ""}`;
  } catch {
    // not JSON (a proxy's HTML page, the security plugin's "Unauthorized"): keep the text
  }
  return detail.replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Base64 of the UTF-8 bytes (btoa alone rejects characters beyond Latin-1). */
function basic(auth: string) {
  return btoa(String.fromCharCode(...new TextEncoder().encode(auth)));
}
