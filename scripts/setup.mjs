// First step of `npm run dev` and `npm test`; runs on whatever Node the machine has (20 is enough).
// Installs the locked packages when they are missing or stale. They include Node 24 (the `node`
// package), which every later step runs on.
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "..");
const installed = join(root, "node_modules", ".package-lock.json");
const lock = join(root, "package-lock.json");
const nodeBin = join(root, "node_modules", ".bin", "node");

const stale = !existsSync(installed) || !existsSync(nodeBin) || statSync(lock).mtimeMs > statSync(installed).mtimeMs;
if (stale) {
  console.log("Installing packages (npm ci)…");
  const result = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { cwd: root, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
