import { defineConfig } from "@playwright/test";

// End-to-end tests drive Debian's Chromium (never a downloaded browser) against `npm run dev`'s
// stack on its own port, with a fresh local database each run and the project's Ollama stub.
const port = Number(process.env.E2E_PORT ?? 8790);
const stubPort = Number(process.env.E2E_OLLAMA_PORT ?? 11590);

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
  // The setup project signs up the first account (the administrator) before any other test runs.
  projects: [
    { name: "setup", testMatch: /admin\.setup\.ts/ },
    { name: "chromium", dependencies: ["setup"] },
  ],
  webServer: [
    {
      command: "node scripts/ollama-stub.ts",
      url: `http://127.0.0.1:${stubPort}/api/version`,
      env: { OLLAMA_STUB_PORT: String(stubPort), OLLAMA_STUB_DELAY_MS: "0", OLLAMA_STUB_SLOW_MS: "25" },
      reuseExistingServer: false,
      stdout: "ignore",
    },
    {
      command: "node scripts/dev.mjs",
      url: `http://127.0.0.1:${port}/health/live`,
      env: {
        PORT: String(port),
        // The first host is a port nothing listens on (the shell must say so, SPEC §6); the stub serves.
        OLLAMA_HOSTS: `http://127.0.0.1:9,http://127.0.0.1:${stubPort}`,
        MARIE_STATE_DIR: ".wrangler/e2e-state",
        // Every test signs up its own people from one address.
        REGISTRATIONS_PER_HOUR: "1000",
        MARIE_RESET_STATE: "1",
        MARIE_SKIP_BUILD: "1",
        MARIE_DEV_QUIET: "1",
      },
      timeout: 240_000, // both servers; scripts/dev.mjs gives each 180 s
      reuseExistingServer: false,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
