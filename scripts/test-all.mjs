// `npm test`: every check CI runs, in order, stopping at the first failure:
// typecheck, lint, Worker tests in workerd, build, browser end-to-end tests, deploy bundle check.
// Ends with one line counting the tests that ran.
import { existsSync, readFileSync } from "node:fs";
import { run } from "./lib/processes.mjs";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
process.env.WRANGLER_SEND_METRICS ??= "false"; // no telemetry calls from tests
const steps = [
  ["typecheck", "npm", ["run", "--silent", "typecheck"]],
  ["lint", "npm", ["run", "--silent", "lint"]],
  ["worker tests (workerd)", "vitest", ["run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json"]],
  ["build", "npm", ["run", "--silent", "build"]],
  ["end-to-end (Chromium)", "playwright", ["test", "--reporter=list,json"], { PLAYWRIGHT_JSON_OUTPUT_NAME: "test-results/playwright.json" }],
  ["deploy bundle check", "npm", ["run", "--silent", "deploy:check"]],
];

if (!existsSync(chromium)) {
  console.error(`Chromium not found at ${chromium}. Install it (Debian: apt-get install -y chromium) or set CHROMIUM_PATH.`);
  process.exit(1);
}

for (const [name, command, args, env] of steps) {
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  try {
    await run(command, args, { env: { ...process.env, ...env } });
  } catch {
    console.error(`\n✗ ${name} failed`);
    summary();
    process.exit(1);
  }
  console.log(`✓ ${name} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
summary();

function summary() {
  let passed = 0;
  let failed = 0;
  const vitest = readJson("test-results/vitest.json");
  if (vitest) {
    passed += vitest.numPassedTests;
    failed += vitest.numFailedTests;
  }
  const playwright = readJson("test-results/playwright.json");
  if (playwright) {
    passed += playwright.stats.expected + playwright.stats.flaky;
    failed += playwright.stats.unexpected;
  }
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, "utf8")) : null;
}
