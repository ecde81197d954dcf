/**
 * The LLM port: what the conversation room needs from a model provider. Two adapters implement
 * it (Ollama, OpenAI-compatible). A stream yields deltas, then exactly one `done` or `error`;
 * expected failures are values, not exceptions.
 */
export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type ChatRequest = {
  model: string;
  messages: ChatMessage[];
  temperature?: number;
  /** Context window to allocate (Ollama's `num_ctx`); providers without one ignore it. */
  numCtx?: number;
  signal: AbortSignal;
};

export type ChatEvent =
  | { type: "delta"; text: string }
  | { type: "done"; promptTokens: number; completionTokens: number; finishReason: "stop" | "length"; host: string }
  | { type: "error"; code: "host_unavailable" | "model_not_found" | "provider_error" | "aborted"; message: string; host: string };

export interface LlmProvider {
  chat(request: ChatRequest): AsyncIterable<ChatEvent>;
}
