/** What the Pages Function hands each request's loaders and actions: its bindings and CSP nonce. */
import { createContext } from "react-router";

export interface PagesEnv {
  /** Service binding to the API Worker (marie-api), in production. */
  API?: Fetcher;
  /** In development only: the local API Worker's address (`npm run dev` sets it). */
  API_ORIGIN?: string;
  ASSETS: Fetcher;
}

/** How this deployment reaches the API: the service binding, or over HTTP in development. */
export function apiFetcher(env: PagesEnv): (request: Request) => Promise<Response> {
  if (env.API_ORIGIN) {
    const origin = new URL(env.API_ORIGIN);
    return (request) => {
      const url = new URL(request.url);
      url.protocol = origin.protocol;
      url.host = origin.host;
      return fetch(new Request(url, request));
    };
  }
  const binding = env.API;
  if (!binding) throw new Error("The Pages project needs the API service binding (or API_ORIGIN in development)");
  return (request) => binding.fetch(request);
}

export const pagesContext = createContext<{ env: PagesEnv; nonce: string }>();
