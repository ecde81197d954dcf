import { describe, expect, it } from "vitest";
import { fitToContext } from "../../../worker/llm/context-budget";
import type { ChatMessage } from "../../../worker/llm/port";

const turn = (i: number): ChatMessage => ({ role: i % 2 ? "assistant" : "user", content: `${i} `.repeat(200) });

describe("context budgeting", () => {
  it("keeps the system prompt and the newest message and drops the oldest turns first", () => {
    const messages: ChatMessage[] = [{ role: "system", content: "Be brief." }, ...Array.from({ length: 40 }, (_, i) => turn(i))];
    const fitted = fitToContext(messages, { contextTokens: 2048, replyTokens: 512 });
    expect(fitted.messages[0]).toEqual(messages[0]);
    expect(fitted.messages.at(-1)).toEqual(messages.at(-1));
    expect(fitted.dropped).toBeGreaterThan(0);
    const kept = fitted.messages.slice(1);
    expect(kept).toEqual(messages.slice(messages.length - kept.length)); // a contiguous newest tail
    expect(fitted.promptTokens).toBeLessThanOrEqual(2048 - 512);
    expect(fitted.numCtx).toBeLessThanOrEqual(2048);
  });

  it("leaves a short chat alone and sizes num_ctx to it, not to the whole window", () => {
    const messages: ChatMessage[] = [{ role: "user", content: "hello" }];
    const fitted = fitToContext(messages, { contextTokens: 32_768, replyTokens: 1024 });
    expect(fitted.messages).toEqual(messages);
    expect(fitted.dropped).toBe(0);
    expect(fitted.numCtx).toBe(2048);
  });

  it("never drops the only message, even when it alone is too long", () => {
    const messages: ChatMessage[] = [{ role: "user", content: "x".repeat(100_000) }];
    expect(fitToContext(messages, { contextTokens: 4096, replyTokens: 1024 }).messages).toEqual(messages);
  });
});
