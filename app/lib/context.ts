/** What the Pages Function hands each request's loaders and actions: its bindings and CSP nonce. */
import { createContext } from "react-router";

export interface PagesEnv {
  /** Service binding to the API Worker (marie-api), in development as in production. */
  API: Fetcher;
  ASSETS: Fetcher;
}

export const pagesContext = createContext<{ env: PagesEnv; nonce: string }>();
