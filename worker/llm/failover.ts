/**
 * Tries the Ollama hosts in order and moves on only while nothing has been streamed: a host that
 * refuses or fails before its first token is skipped; after the first token there is no silent
 * retry (the client would see text twice). All hosts down gives one error naming them.
 */
import { ollamaProvider } from "./ollama";
import type { ChatEvent, ChatRequest } from "./port";

export async function* chatWithFailover(hosts: string[], request: ChatRequest): AsyncIterable<ChatEvent> {
  const failures: string[] = [];
  for (const host of hosts) {
    let streamed = false;
    for await (const event of ollamaProvider(host).chat(request)) {
      if (event.type === "error" && event.code === "host_unavailable" && !streamed) {
        failures.push(`${host} (${event.message})`);
        break;
      }
      streamed = true;
      yield event;
      if (event.type !== "delta") return;
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
