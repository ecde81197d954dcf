/**
 * A stand-in for an Ollama host that answers with Ollama's real wire format, for tests, e2e and
 * benchmarks (no real Ollama runs here). Today: `/api/version` and `/api/tags`; the chat endpoints
 * come with live conversations.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export type OllamaStubOptions = { port?: number; models?: string[] };

export type OllamaStub = { url: string; requests: string[]; close(): Promise<void> };

export async function startOllamaStub(options: OllamaStubOptions = {}): Promise<OllamaStub> {
  const models = options.models ?? ["llama3.2:3b", "qwen2.5:7b"];
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json; charset=utf-8" });
      res.end(JSON.stringify(body));
    };
    if (req.method === "GET" && req.url === "/api/version") return send(200, { version: "0.12.6" });
    if (req.method === "GET" && req.url === "/api/tags") {
      return send(200, {
        models: models.map((name) => ({
          name,
          model: name,
          modified_at: "2026-11-01T00:00:00Z",
          size: 2_019_393_189,
          digest: "a80c4f17acd55265feec403c7aef86be0c25983ab279d83f3bcd3abbcb5b8b72",
          details: { format: "gguf", family: "llama", families: ["llama"], parameter_size: "3.2B", quantization_level: "Q4_K_M" },
        })),
      });
    }
    return send(404, { error: `path not found: ${req.url}` });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
