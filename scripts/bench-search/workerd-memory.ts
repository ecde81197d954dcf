/**
 * Memory of the workerd processes under a `wrangler dev` (for scripts/bench-search.ts), from
 * /proc: `runtime` runs the Worker and its local D1 (the process with the inspector), `proxy` is
 * wrangler's entry proxy. RSS now and its peak (VmHWM), in MiB. Linux only.
 */
import { readdirSync, readFileSync } from "node:fs";

type Usage = { rssMiB: number; peakRssMiB: number };

export function workerdMemory(wranglerPid: number): { runtime?: Usage; proxy?: Usage } {
  const field = (status: string, name: string) => Math.round(Number(status.match(new RegExp(`${name}:\\s+(\\d+)`))?.[1] ?? 0) / 10.24) / 100;
  const entries = descendants(wranglerPid)
    .filter((pid) => readFileSync(`/proc/${pid}/comm`, "utf8").trim() === "workerd")
    .map((pid) => {
      const status = readFileSync(`/proc/${pid}/status`, "utf8");
      const role = readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("--inspector-addr") ? "runtime" : "proxy";
      return [role, { rssMiB: field(status, "VmRSS"), peakRssMiB: field(status, "VmHWM") }] as const;
    });
  return Object.fromEntries(entries);
}

function descendants(root: number): number[] {
  const parent = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parent.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended meanwhile
    }
  }
  const found: number[] = [];
  const visit = (pid: number) => {
    for (const [child, ppid] of parent) {
      if (ppid !== pid) continue;
      found.push(child);
      visit(child);
    }
  };
  visit(root);
  return found;
}
