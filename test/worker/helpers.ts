/** Calls the Worker under test through its real fetch handler, the way a client would. */
import { exports } from "cloudflare:workers";

// The Worker's own default export, reached through the runtime like any client would.
const worker = (exports as unknown as { default: Fetcher }).default;

export const ORIGIN = "http://marie.test";

export function call(path: string, init: RequestInit & { json?: unknown } = {}) {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  return worker.fetch(new Request(new URL(path, ORIGIN), { ...init, headers, body }));
}

let counter = 0;
export function uniqueEmail(prefix = "user") {
  counter += 1;
  return `${prefix}-${counter}-${crypto.randomUUID().slice(0, 8)}@example.com`;
}

export const GOOD_PASSWORD = "a sturdy passphrase 42";

export async function register(email = uniqueEmail(), password = GOOD_PASSWORD, name = "Test User") {
  const res = await call("/api/auth/register", { method: "POST", json: { email, password, name } });
  const body = (await res.clone().json()) as { user: { id: string; role: string }; token: string };
  return { res, body, email, password, cookie: sessionCookieFrom(res) };
}

/** The `name=value` pair of the session cookie a response set. */
export function sessionCookieFrom(res: Response) {
  const set = res.headers.getSetCookie().find((c) => c.includes("marie_session="));
  return set?.split(";")[0];
}

export async function errorOf(res: Response) {
  return ((await res.json()) as { error: { code: string; message: string; details?: { field?: string; message: string }[]; requestId: string } }).error;
}
