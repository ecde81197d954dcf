/**
 * The bindings the API Worker receives. Vars and secrets are untyped strings here on purpose:
 * worker/config/config.ts is the one place that parses them.
 */
export interface Env {
  DB: D1Database;
  KV: KVNamespace;
  ASSETS?: Fetcher;
  [setting: string]: unknown;
}
