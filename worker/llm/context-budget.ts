/**
 * Fits a conversation into the model's context: the system prompt and the newest message always
 * stay, older turns go first. Token counts are estimated (about four characters a token, plus a
 * little per message); `numCtx` is sized to the prompt plus room for the reply, so a short chat
 * does not make Ollama allocate the model's whole context.
 */
import type { ChatMessage } from "./port";

export type Budget = { contextTokens: number; replyTokens: number };

export function estimateTokens(message: ChatMessage) {
  return Math.ceil(message.content.length / 4) + 4;
}

export function fitToContext(messages: ChatMessage[], budget: Budget) {
  const system = messages[0]?.role === "system" ? messages[0] : null;
  const turns = system ? messages.slice(1) : messages.slice();
  const limit = budget.contextTokens - budget.replyTokens;
  let used = (system ? estimateTokens(system) : 0) + turns.reduce((n, m) => n + estimateTokens(m), 0);
  let dropped = 0;
  while (used > limit && turns.length > 1) {
    used -= estimateTokens(turns.shift()!);
    dropped += 1;
  }
  const numCtx = Math.min(budget.contextTokens, roundUp(used + budget.replyTokens, 1024));
  return { messages: system ? [system, ...turns] : turns, dropped, promptTokens: used, numCtx };
}

function roundUp(n: number, step: number) {
  return Math.ceil(n / step) * step;
}
