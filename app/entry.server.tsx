/**
 * Server rendering for the Pages Function. Streams HTML and stamps every inline script with the
 * request's CSP nonce (the Content-Security-Policy header is set in app/functions/[[path]].ts).
 */
import { isbot } from "isbot";
import { renderToReadableStream } from "react-dom/server";
import type { EntryContext, HandleErrorFunction } from "react-router";
import { isRouteErrorResponse, RouterContextProvider, ServerRouter } from "react-router";
import { pagesContext, type PagesEnv } from "./lib/context";
import { NonceProvider } from "./lib/nonce";

export const streamTimeout = 5_000;

/**
 * Builds the load context. It lives here, in the server build, because the build bundles its own
 * react-router: a context key made outside the build would not be the same object.
 */
export function createLoadContext(env: PagesEnv, nonce: string) {
  const provider = new RouterContextProvider();
  provider.set(pagesContext, { env, nonce });
  return provider;
}

/** Logs server errors, but not unknown URLs or requests the client abandoned. */
export const handleError: HandleErrorFunction = (error, { request }) => {
  if (request.signal.aborted || (isRouteErrorResponse(error) && error.status === 404)) return;
  console.error(JSON.stringify({ level: "error", msg: "render_error", url: new URL(request.url).pathname, error: String(error) }));
};

export default async function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  routerContext: EntryContext,
  loadContext: RouterContextProvider,
) {
  if (request.method.toUpperCase() === "HEAD") {
    return new Response(null, { status: responseStatusCode, headers: responseHeaders });
  }
  const { nonce } = loadContext.get(pagesContext);
  let shellRendered = false;
  const body = await renderToReadableStream(
    <NonceProvider value={nonce}>
      <ServerRouter context={routerContext} url={request.url} nonce={nonce} />
    </NonceProvider>,
    {
      nonce,
      signal: AbortSignal.timeout(streamTimeout + 1000),
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) console.error(error);
      },
    },
  );
  shellRendered = true;
  const userAgent = request.headers.get("user-agent");
  if ((userAgent && isbot(userAgent)) || routerContext.isSpaMode) await body.allReady;

  responseHeaders.set("Content-Type", "text/html; charset=utf-8");
  return new Response(body, { headers: responseHeaders, status: responseStatusCode });
}
