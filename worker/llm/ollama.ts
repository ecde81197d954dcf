/**
 * Ollama adapter over the official `ollama/browser` client: streams `/api/chat` NDJSON. An error
 * line after streaming began (HTTP 200, last line `{"error":…}`) becomes an `error` event.
 */
import { Ollama } from "ollama/browser";
import type { ChatEvent, ChatRequest, LlmProvider } from "./port";

export function ollamaProvider(host: string): LlmProvider {
  return {
    async *chat(request: ChatRequest): AsyncIterable<ChatEvent> {
      const client = new Ollama({ host, fetch: (input, init) => fetch(input, { ...init, signal: request.signal }) });
      let stream: AsyncIterable<{ message?: { content?: string }; done?: boolean; done_reason?: string; prompt_eval_count?: number; eval_count?: number; error?: string }>;
      try {
        stream = await client.chat({
          model: request.model,
          messages: request.messages,
          stream: true,
          options: {
            ...(request.temperature === undefined ? {} : { temperature: request.temperature }),
            ...(request.numCtx === undefined ? {} : { num_ctx: request.numCtx }),
          },
        });
      } catch (err) {
        yield failure(err, host, request.signal);
        return;
      }
      let started = false;
      try {
        for await (const part of stream) {
          if (part.error) {
            yield { type: "error", code: "provider_error", message: part.error, host };
            return;
          }
          const text = part.message?.content ?? "";
          if (text) {
            started = true;
            yield { type: "delta", text };
          }
          if (part.done) {
            yield {
              type: "done",
              promptTokens: part.prompt_eval_count ?? 0,
              completionTokens: part.eval_count ?? 0,
              finishReason: part.done_reason === "length" ? "length" : "stop",
              host,
            };
            return;
          }
        }
        yield { type: "error", code: "provider_error", message: "The model host closed the stream early", host };
      } catch (err) {
        // The client throws for an `{"error":…}` line; after tokens it is the model failing, not the host.
        yield started && !request.signal.aborted ? { type: "error", code: "provider_error", message: messageOf(err), host } : failure(err, host, request.signal);
      }
    },
  };
}

function messageOf(err: unknown) {
  return err instanceof Error ? err.message : String(err);
}

function failure(err: unknown, host: string, signal: AbortSignal): ChatEvent {
  const message = messageOf(err);
  if (signal.aborted) return { type: "error", code: "aborted", message: "Stopped", host };
  const status = (err as { status_code?: number }).status_code;
  if (status === 404 || /not found/i.test(message)) return { type: "error", code: "model_not_found", message, host };
  if (status === undefined || status >= 500) return { type: "error", code: "host_unavailable", message, host };
  return { type: "error", code: "provider_error", message, host };
}
