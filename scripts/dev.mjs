// `npm run dev`: builds the app, applies local D1 migrations, then serves app + API on one origin,
// http://localhost:$PORT (default 8787): `wrangler pages dev` for the frontend (app/, its own
// project root), which reaches a `wrangler dev` of the API Worker on $PORT+1 through its service
// binding, as in production.
// Settings: .dev.vars (made from .dev.vars.example on first run), overridden by the environment.
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { run, waitForHttp } from "./lib/processes.mjs";

const root = resolve(import.meta.dirname, "..");
const port = Number(process.env.PORT ?? 8787);
const apiPort = Number(process.env.API_PORT ?? port + 1);
const state = resolve(root, process.env.MARIE_STATE_DIR ?? ".wrangler/state");
const quiet = process.env.MARIE_DEV_QUIET === "1";
process.env.WRANGLER_SEND_METRICS ??= "false";
// Wrangler finds `marie-api` through a machine-wide registry: give each stack its own, so a
// second stack (e2e, benchmarks) never talks to another one's API.
process.env.WRANGLER_REGISTRY_PATH ??= `${state}.registry`;

if (!existsSync(join(root, ".dev.vars"))) {
  copyFileSync(join(root, ".dev.vars.example"), join(root, ".dev.vars"));
  console.log("Created .dev.vars from .dev.vars.example");
}
const envFile = writeMergedSettings();

if (process.env.MARIE_SKIP_BUILD !== "1") await run("npm", ["run", "--silent", "build"], { cwd: root });
// The e2e run starts from an empty database (its own state dir), so its first user is the admin.
if (process.env.MARIE_RESET_STATE === "1") rmSync(state, { recursive: true, force: true });
mkdirSync(state, { recursive: true });
await run("wrangler", ["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], {
  cwd: root,
  env: { ...process.env, CI: "1" }, // no interactive confirmation
});

const children = [];
const common = ["--persist-to", state, "--show-interactive-dev-session=false", "--log-level", quiet ? "warn" : "info"];
children.push(
  start("api", ["dev", "--port", String(apiPort), "--inspector-port", String(apiPort + 10_000), "--env-file", envFile, ...common], root),
);
// A first start on a busy 2-core machine has taken over 60 s; a server that never answers stops
// the others rather than leaving them running unowned.
const STARTUP_MS = 180_000;
await waitForHttp(`http://127.0.0.1:${apiPort}/health/live`, STARTUP_MS).catch(failedToStart);
children.push(start("app", ["pages", "dev", "../build/client", "--port", String(port), "--inspector-port", String(port + 10_000), ...common], join(root, "app")));
await waitForHttp(`http://127.0.0.1:${port}/health/live`, STARTUP_MS).catch(failedToStart);
console.log(`\n  MARIE is running at http://localhost:${port}  (API docs: http://localhost:${port}/api/docs)\n`);

function start(name, args, cwd) {
  const child = spawn("wrangler", args, { cwd, stdio: ["ignore", "inherit", "inherit"], env: process.env });
  child.on("exit", (code) => {
    console.error(`${name} server exited (${code}); stopping.`);
    stopAll(code ?? 1);
  });
  return child;
}

function failedToStart(err) {
  console.error(err instanceof Error ? err.message : String(err));
  stopAll(1);
}

function stopAll(code) {
  for (const child of children) if (child.exitCode === null) child.kill("SIGTERM");
  process.exit(code);
}
process.on("SIGINT", () => stopAll(0));
process.on("SIGTERM", () => stopAll(0));

/** .dev.vars with every setting that is also set in this process's environment replaced. */
function writeMergedSettings() {
  const lines = readFileSync(join(root, ".dev.vars"), "utf8").split("\n");
  const seen = new Set();
  const merged = lines.map((line) => {
    const name = line.match(/^\s*([A-Z][A-Z0-9_]*)\s*=/)?.[1];
    if (!name) return line;
    seen.add(name);
    return process.env[name] !== undefined ? `${name}=${process.env[name]}` : line;
  });
  for (const name of knownSettings()) {
    if (!seen.has(name) && process.env[name] !== undefined) merged.push(`${name}=${process.env[name]}`);
  }
  // Beside the state directory, so stacks with their own state (e2e, benchmarks) never share it.
  const file = `${state}.env`;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, merged.join("\n"), { mode: 0o600 });
  return file;
}

function knownSettings() {
  const example = readFileSync(join(root, ".dev.vars.example"), "utf8");
  return [...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]);
}
