/**
 * Calls the API Worker from loaders and actions over the service binding, as the browser:
 * the cookie, Origin and client address travel along so the API's session, CSRF and throttling
 * rules apply unchanged.
 */
import type { RouterContextProvider } from "react-router";
import { pagesContext } from "./context";

const FORWARDED = ["cookie", "origin", "sec-fetch-site", "user-agent", "cf-connecting-ip", "x-request-id", "accept-language"];

export async function api(
  request: Request,
  context: Readonly<RouterContextProvider>,
  path: string,
  init: { method?: string; json?: unknown } = {},
) {
  const headers = new Headers({ accept: "application/json" });
  for (const name of FORWARDED) {
    const value = request.headers.get(name);
    if (value !== null) headers.set(name, value);
  }
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const url = new URL(path, request.url);
  const body = init.json === undefined ? undefined : JSON.stringify(init.json);
  return context.get(pagesContext).env.API.fetch(new Request(url, { method: init.method ?? "GET", headers, body }));
}

export type ApiErrorBody = { error: { code: string; message: string; details?: { field?: string; message: string }[] } };

/** Headers that pass a response's Set-Cookie lines on to the browser. */
export function forwardCookies(res: Response): Headers {
  const headers = new Headers();
  for (const cookie of res.headers.getSetCookie()) headers.append("set-cookie", cookie);
  return headers;
}
