/**
 * OpenAI-compatible adapter over the official `openai` client: streams `/chat/completions` SSE
 * with `stream_options.include_usage`, so the last chunk (empty `choices`) carries the token
 * counts. Serves OpenAI itself and hosts that speak its wire format (vLLM, LiteLLM, llama.cpp).
 * The conversation room reaches it through the LLM port, like the Ollama adapter.
 */
import OpenAI, { APIConnectionError, APIError, APIUserAbortError } from "openai";
import type { ChatEvent, ChatRequest, LlmProvider } from "./port";

export function openaiProvider(options: { baseURL: string; apiKey: string }): LlmProvider {
  const host = options.baseURL;
  return {
    async *chat(request: ChatRequest): AsyncIterable<ChatEvent> {
      const client = new OpenAI({
        baseURL: options.baseURL,
        apiKey: options.apiKey,
        // nodejs_compat fills process.env from the Worker's vars, where the client would find OPENAI_ORG_ID
        // and OPENAI_PROJECT_ID and send them to every host; only the arguments count here.
        organization: null,
        project: null,
        fetch: (input, init) => fetch(input, init),
        maxRetries: 0, // retrying another host is the failover's job
      });
      const failure = (err: unknown, started: boolean) => toEvent(err, started, request.signal, host, options.apiKey);
      let stream: AsyncIterable<OpenAI.Chat.ChatCompletionChunk>;
      try {
        stream = await client.chat.completions.create(
          {
            model: request.model,
            messages: request.messages,
            temperature: request.temperature,
            stream: true,
            stream_options: { include_usage: true },
          },
          { signal: request.signal },
        );
      } catch (err) {
        yield failure(err, false);
        return;
      }
      let started = false;
      let finishReason: "stop" | "length" | undefined;
      let usage: OpenAI.CompletionUsage | undefined;
      try {
        for await (const chunk of stream) {
          const choice = chunk.choices[0];
          const text = choice?.delta?.content;
          if (text) {
            started = true;
            yield { type: "delta", text };
          }
          if (choice?.finish_reason) finishReason = choice.finish_reason === "length" ? "length" : "stop";
          if (chunk.usage) usage = chunk.usage;
        }
      } catch (err) {
        yield failure(err, started);
        return;
      }
      // The client ends the iteration quietly when the signal aborts mid-stream.
      if (!finishReason) {
        yield request.signal.aborted
          ? { type: "error", code: "aborted", message: "Stopped", host }
          : { type: "error", code: "provider_error", message: "The model host closed the stream early", host };
        return;
      }
      yield { type: "done", promptTokens: usage?.prompt_tokens ?? 0, completionTokens: usage?.completion_tokens ?? 0, finishReason, host };
    },
  };
}

function toEvent(err: unknown, started: boolean, signal: AbortSignal, host: string, apiKey: string): ChatEvent {
  if (signal.aborted || err instanceof APIUserAbortError) return { type: "error", code: "aborted", message: "Stopped", host };
  const message = messageOf(err, apiKey);
  // After the first token the host was up; a failure now is the model's, and failover must not replay it.
  if (started) return { type: "error", code: "provider_error", message, host };
  if (err instanceof APIConnectionError) return { type: "error", code: "host_unavailable", message, host };
  if (err instanceof APIError) {
    if (err.status === 404 || err.code === "model_not_found" || /model.*(not found|does not exist)/i.test(message)) return { type: "error", code: "model_not_found", message, host };
    if (err.status !== undefined && (err.status >= 500 || err.status === 429)) return { type: "error", code: "host_unavailable", message, host };
    return { type: "error", code: "provider_error", message, host };
  }
  // Malformed SSE is the host talking nonsense; anything else here is the connection breaking before a token.
  if (err instanceof SyntaxError) return { type: "error", code: "provider_error", message, host };
  return { type: "error", code: "host_unavailable", message, host };
}

/** The error's text and its cause's, with the API key cut out should a host echo it back. */
function messageOf(err: unknown, apiKey: string) {
  const text = err instanceof Error ? err.message : String(err);
  const cause = err instanceof Error && err.cause instanceof Error ? ` (${err.cause.message})` : "";
  return apiKey ? `${text}${cause}`.replaceAll(apiKey, "[redacted]") : `${text}${cause}`;
}
