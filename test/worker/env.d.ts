import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      KV: KVNamespace;
      OLLAMA_HOSTS: string;
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
