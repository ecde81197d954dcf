import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against `npm run dev`'s
// stack on its own port, with a fresh local database each run.
const port = Number(process.env.E2E_PORT ?? 8790);

export default defineConfig({
  testDir: "test/e2e",
  outputDir: "test-results/e2e",
  timeout: 30_000,
  workers: 1,
  reporter: [["list"]],
  use: {
    baseURL: `http://localhost:${port}`,
    screenshot: "only-on-failure",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  webServer: {
    command: "node scripts/dev.mjs",
    url: `http://127.0.0.1:${port}/health/live`,
    // OLLAMA_HOSTS points at a port nothing listens on: the shell must say so (SPEC §6).
    env: { PORT: String(port), OLLAMA_HOSTS: "http://127.0.0.1:9", MARIE_STATE_DIR: ".wrangler/e2e-state", MARIE_RESET_STATE: "1", MARIE_SKIP_BUILD: "1", MARIE_DEV_QUIET: "1" },
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
  },
});
