import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { chatWithFailover } from "../../../worker/llm/failover";
import { HostPool } from "../../../worker/llm/host-pool";
import type { ChatEvent } from "../../../worker/llm/port";

async function collect(hosts: string[], content: string, pool = new HostPool()) {
  const events: ChatEvent[] = [];
  const request = { model: "llama3.2:3b", messages: [{ role: "user" as const, content }], signal: new AbortController().signal };
  for await (const event of chatWithFailover(hosts, request, pool)) events.push(event);
  return events;
}

describe("failover across Ollama hosts", () => {
  it("skips a host that refuses before the first token and lets the next one answer", async () => {
    const events = await collect([env.REFUSING_OLLAMA_URL, env.GOOD_OLLAMA_URL], "count 3");
    expect(events.filter((e) => e.type === "delta").map((e) => (e as { text: string }).text).join("")).toBe("1 2 3");
    expect(events.at(-1)).toMatchObject({ type: "done", host: env.GOOD_OLLAMA_URL });
  });

  it("gives one clear error naming every host when all are down", async () => {
    const down = "http://127.0.0.1:9";
    const events = await collect([env.REFUSING_OLLAMA_URL, down], "hello");
    expect(events).toHaveLength(1);
    const [error] = events as Extract<ChatEvent, { type: "error" }>[];
    expect(error!.code).toBe("host_unavailable");
    expect(error!.message).toContain(env.REFUSING_OLLAMA_URL);
    expect(error!.message).toContain(down);
  });

  it("never retries on another host after tokens were sent", async () => {
    const events = await collect([env.GOOD_OLLAMA_URL, env.GOOD_OLLAMA_URL], "fail after 2");
    expect(events.map((e) => e.type)).toEqual(["delta", "delta", "error"]);
  });

  it("reports each try to the pool, which opens the circuit of a host that keeps failing", async () => {
    const pool = new HostPool();
    for (let i = 0; i < 3; i++) await collect([env.REFUSING_OLLAMA_URL, env.GOOD_OLLAMA_URL], "count 1", pool);
    expect(pool.isOpen(env.REFUSING_OLLAMA_URL)).toBe(true);
    expect(pool.isOpen(env.GOOD_OLLAMA_URL)).toBe(false);
    expect(pool.order([env.REFUSING_OLLAMA_URL, env.GOOD_OLLAMA_URL], "llama3.2:3b", null)[0]).toBe(env.GOOD_OLLAMA_URL);
  });
});
