import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Worker tests run inside workerd with real D1, KV and Durable Objects from wrangler.toml.
// wrangler.toml's [assets] directory must exist before the pool reads it.
await import("./scripts/copy-docs-assets.mjs");
const migrations = await readD1Migrations("migrations");

export default defineConfig({
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ENVIRONMENT: "test",
            JWT_SECRET: "test-secret-that-is-long-enough-for-the-schema",
            TEST_MIGRATIONS: migrations,
            // The first host refuses work, so every chat test also exercises failover.
            OLLAMA_HOSTS: `${inject("refusingOllamaUrl")},${inject("ollamaUrl")}`,
            GOOD_OLLAMA_URL: inject("ollamaUrl"),
            REFUSING_OLLAMA_URL: inject("refusingOllamaUrl"),
            OPENAI_STUB_URL: inject("openaiUrl"),
            // The OpenAI-compatible provider, served by the project's OpenAI stub.
            OPENAI_BASE_URL: inject("openaiUrl"),
            OPENAI_API_KEY: "sk-test-stub",
            OPENAI_MODELS: "gpt-4o-mini",
            // OpenSearch: the stub, for the adapter tests only (they build the adapter themselves;
            // OPENSEARCH_URL stays unset, so every other test searches the embedded D1 index).
            OPENSEARCH_STUB_URL: inject("opensearchUrl"),
            OPENSEARCH_STUB_AUTH: inject("opensearchAuth"),
            OPENSEARCH_SETUP_RUNS: inject("opensearchSetupRuns"),
            // A real cluster for opensearch-real.test.ts, when named: REAL_OPENSEARCH_URL=http://localhost:9200
            REAL_OPENSEARCH_URL: process.env.REAL_OPENSEARCH_URL ?? "",
            REAL_OPENSEARCH_AUTH: process.env.REAL_OPENSEARCH_AUTH ?? "",
          },
        },
      })),
    ],
    test: {
      include: ["test/worker/**/*.test.ts", "test/app/**/*.test.ts"],
      // Request logs only for failing tests.
      silent: "passed-only",
      globalSetup: ["./test/global-setup.ts"],
      setupFiles: ["./test/worker/apply-migrations.ts"],
    },
});
