/** Helpers for the quota tests: budgets, the day's ledger, a send's worst case, waiting for settlement. */
import { env } from "cloudflare:test";
import { getConfig } from "../../../worker/config/config";
import { estimateTokens } from "../../../worker/llm/context-budget";
import { call } from "../helpers";

export const today = () => new Date().toISOString().slice(0, 10);

/** What a first message in a conversation without a system prompt reserves: its estimate plus a full reply. */
export function worstCase(content: string) {
  return estimateTokens({ role: "user", content }) + getConfig(env).MODEL_REPLY_TOKENS;
}

export async function setOwnBudget(userId: string, tokens: number | null) {
  await env.DB.prepare("UPDATE users SET daily_token_budget = ? WHERE id = ?").bind(tokens, userId).run();
}

/** The tokens spent or reserved today, as the ledger holds them (null: no row yet). */
export async function ledger(userId: string) {
  const row = await env.DB.prepare("SELECT tokens FROM token_budget_days WHERE user_id = ? AND day = ?").bind(userId, today()).first<{ tokens: number }>();
  return row?.tokens ?? null;
}

/** Today's usage rows of a user, once there are `count` of them (written just after each reply's done). */
export async function usageRows(userId: string, count: number) {
  for (let i = 0; ; i++) {
    const { results } = await env.DB.prepare("SELECT prompt_tokens, completion_tokens, finish_reason FROM usage_events WHERE user_id = ? AND day = ?")
      .bind(userId, today())
      .all<{ prompt_tokens: number; completion_tokens: number; finish_reason: string }>();
    if (results.length >= count) return results;
    if (i > 500) throw new Error(`expected ${count} usage rows, found ${results.length}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function realTokens(rows: { prompt_tokens: number; completion_tokens: number }[]) {
  return rows.reduce((n, r) => n + r.prompt_tokens + r.completion_tokens, 0);
}

export async function newConversation(auth: Record<string, string>, model = "llama3.2:3b") {
  const res = await call("/api/conversations", { method: "POST", json: { model }, headers: auth });
  return ((await res.json()) as { id: string }).id;
}

export function send(auth: Record<string, string>, conversationId: string, content: string, headers: Record<string, string> = {}) {
  return call(`/api/conversations/${conversationId}/messages`, { method: "POST", json: { content }, headers: { ...auth, ...headers } });
}
