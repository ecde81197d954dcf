// `npm run stub:ollama`: a local stand-in for an Ollama host, for trying MARIE without a GPU:
//   npm run stub:ollama            # listens on http://127.0.0.1:11500
//   OLLAMA_HOSTS=http://127.0.0.1:11500 npm run dev
// Speaks Ollama's wire format; see test/stubs/ollama-stub.ts for what steers its replies.
import { startOllamaStub } from "../test/stubs/ollama-stub.ts";

const port = Number(process.env.OLLAMA_STUB_PORT ?? 11500);
const stub = await startOllamaStub({
  port,
  delayMs: Number(process.env.OLLAMA_STUB_DELAY_MS ?? 30),
  slowMs: Number(process.env.OLLAMA_STUB_SLOW_MS ?? 20),
  // The size of the stub's embeddings (nomic-embed-text's 768 by default).
  ...(process.env.OLLAMA_STUB_EMBED_DIMS ? { embedDimensions: Number(process.env.OLLAMA_STUB_EMBED_DIMS) } : {}),
});
console.log(`Ollama stub listening on ${stub.url} (models: llama3.2:3b, qwen2.5:7b; embeddings: nomic-embed-text)`);
