import { describe, expect, it } from "vitest";
import { HostPool } from "../../../worker/llm/host-pool";
import type { Catalogue } from "../../../worker/models/catalogue";

const A = "http://gpu-a:11434";
const B = "http://gpu-b:11434";
const C = "http://gpu-c:11434";

function catalogue(hosts: { host: string; models: string[]; loaded?: string[]; ok?: boolean }[]): Catalogue {
  const ids = [...new Set(hosts.flatMap((h) => h.models))];
  return {
    fetchedAt: "",
    hosts: hosts.map((h) => ({ host: h.host, ok: h.ok ?? true, models: h.models, loaded: h.loaded ?? [] })),
    models: ids.map((id) => ({ id, provider: "ollama", hosts: hosts.filter((h) => h.models.includes(id)).map((h) => h.host) })),
  };
}

describe("host pool routing", () => {
  it("sends a model only to hosts that have it first, and prefers the one that has it loaded", () => {
    const pool = new HostPool();
    const cat = catalogue([
      { host: A, models: ["small"] },
      { host: B, models: ["big", "small"] },
      { host: C, models: ["big"], loaded: ["big"] },
    ]);
    expect(pool.order([A, B, C], "big", cat)).toEqual([C, B, A]);
    expect(pool.order([A, B, C], "small", cat)).toEqual([A, B, C]);
  });

  it("prefers the host with the fewest replies in flight", () => {
    const pool = new HostPool();
    const cat = catalogue([
      { host: A, models: ["m"] },
      { host: B, models: ["m"] },
    ]);
    pool.started(A);
    pool.started(A);
    pool.started(B);
    expect(pool.order([A, B], "m", cat)).toEqual([B, A]);
    pool.finished(A, true);
    pool.finished(A, true);
    expect(pool.order([A, B], "m", cat)).toEqual([A, B]);
  });

  it("puts hosts the probes found down, or whose circuit is open, behind healthy ones", () => {
    let now = 1_000_000;
    const pool = new HostPool(() => now);
    const cat = catalogue([
      { host: A, models: ["m"], ok: false },
      { host: B, models: ["m"] },
      { host: C, models: ["m"] },
    ]);
    expect(pool.order([A, B, C], "m", cat)).toEqual([B, C, A]);

    for (let i = 0; i < 2; i++) {
      pool.started(B);
      pool.finished(B, false);
    }
    expect(pool.isOpen(B)).toBe(false);
    pool.started(B);
    pool.finished(B, false);
    expect(pool.isOpen(B)).toBe(true);
    expect(pool.order([A, B, C], "m", cat)).toEqual([C, A, B]);

    now += 30_001; // half-open: it gets tried again, and a success closes it
    expect(pool.isOpen(B)).toBe(false);
    pool.started(B);
    pool.finished(B, true);
    expect(pool.order([A, B, C], "m", cat)).toEqual([B, C, A]);
  });

  it("still offers every configured host when there is no catalogue", () => {
    expect(new HostPool().order([A, B], "m", null)).toEqual([A, B]);
  });
});
