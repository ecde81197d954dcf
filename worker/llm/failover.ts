/**
 * Tries the Ollama hosts in the pool's order and moves on only while nothing has been streamed: a
 * host that refuses or fails before its first token is skipped; after the first token there is no
 * silent retry (the client would see text twice). Every try is reported to the pool, which opens a
 * host's circuit after repeated failures. All hosts down gives one error naming them.
 */
import type { HostPool } from "./host-pool";
import { ollamaProvider } from "./ollama";
import type { ChatEvent, ChatRequest } from "./port";

export async function* chatWithFailover(hosts: string[], request: ChatRequest, pool: HostPool): AsyncIterable<ChatEvent> {
  const failures: string[] = [];
  for (const host of hosts) {
    let streamed = false;
    let healthy = true;
    pool.started(host);
    try {
      for await (const event of ollamaProvider(host).chat(request)) {
        if (event.type === "error" && event.code === "host_unavailable" && !streamed) {
          failures.push(`${host} (${event.message})`);
          healthy = false;
          break;
        }
        streamed = true;
        if (event.type === "error" && event.code !== "model_not_found" && event.code !== "aborted") healthy = false;
        yield event;
        if (event.type !== "delta") break;
      }
    } finally {
      pool.finished(host, healthy);
    }
    if (streamed) return;
  }
  yield {
    type: "error",
    code: "host_unavailable",
    message: `No model host could serve the request: ${failures.join("; ")}`,
    host: hosts.join(","),
  };
}
