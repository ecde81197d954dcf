/**
 * The Pages Function: `/api/*`, `/health/*` and `/metrics` go to the API Worker over the service
 * binding (so app and API share one origin); everything else is rendered by React Router, with
 * security headers and a per-request CSP nonce.
 */
import { createPagesFunctionHandler } from "@react-router/cloudflare";
import type { ServerBuild } from "react-router";
// @ts-expect-error - the server build exists once `npm run build` has run.
import * as serverBuild from "../../build/server/index.js";
import type { PagesEnv } from "../lib/context";
import type { createLoadContext } from "../entry.server";

const build = serverBuild as unknown as ServerBuild;
const entry = build.entry.module as unknown as { createLoadContext: typeof createLoadContext };

const API_PATHS = /^\/(api|health)(\/|$)|^\/metrics$/;

export const onRequest: PagesFunction<PagesEnv> = async (context) => {
  const url = new URL(context.request.url);
  if (API_PATHS.test(url.pathname)) return context.env.API.fetch(context.request);
  const nonce = randomNonce();
  const render = createPagesFunctionHandler<PagesEnv>({
    build,
    getLoadContext: ({ context: { cloudflare } }) => entry.createLoadContext(cloudflare.env, nonce),
  });
  const res = await render(context);
  return withSecurityHeaders(res, nonce);
};

function withSecurityHeaders(res: Response, nonce: string) {
  const headers = new Headers(res.headers);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Referrer-Policy", "strict-origin-when-cross-origin");
  headers.set("X-Frame-Options", "DENY");
  headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
  headers.set("Cross-Origin-Opener-Policy", "same-origin");
  if (headers.get("content-type")?.startsWith("text/html")) {
    headers.set(
      "Content-Security-Policy",
      [
        "default-src 'self'",
        `script-src 'nonce-${nonce}' 'strict-dynamic'`,
        `style-src 'self' 'nonce-${nonce}'`,
        "img-src 'self' data: https:",
        "connect-src 'self'",
        "font-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
      ].join("; "),
    );
  }
  return new Response(res.body, { status: res.status, statusText: res.statusText, headers });
}

function randomNonce() {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}
