import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      DB: D1Database;
      KV: KVNamespace;
      OLLAMA_HOSTS: string;
      REFUSING_OLLAMA_URL: string;
      GOOD_OLLAMA_URL: string;
      OPENAI_STUB_URL: string;
      TEST_MIGRATIONS: D1Migration[];
    }
  }
}
