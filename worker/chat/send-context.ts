/**
 * What a reply needs from D1 before it starts, read in one statement at every send (so a change by
 * the owner or an admin applies to the next one): the conversation's settings, its owner, the
 * owner's daily token budget, and the admin's model rules. Used by the conversation room.
 */
import { parseModelsConfig, type ModelsConfig } from "../models/models-config";
import { effectiveBudget, parseQuotaSettings } from "../quotas/quota-settings";

export type RoomSettings = { conversationId: string; userId: string; model: string | null; systemPrompt: string | null; temperature: number | null; useHistory: boolean };
export type SendContext = { settings: RoomSettings; models: ModelsConfig; budget: number | null };

type Row = {
  user_id: string;
  model: string | null;
  system_prompt: string | null;
  temperature: number | null;
  use_history: number;
  daily_token_budget: number | null;
  models: string | null;
  quotas: string | null;
};

/** The context of a send in the conversation, or null when it is gone or its owner is disabled. */
export async function loadSendContext(db: D1Database, conversationId: string): Promise<SendContext | null> {
  const row = await db
    .prepare(
      `SELECT c.user_id, c.model, c.system_prompt, c.temperature, c.use_history, u.daily_token_budget,
              (SELECT value FROM app_settings WHERE key = 'models') AS models,
              (SELECT value FROM app_settings WHERE key = 'quotas') AS quotas
       FROM conversations c JOIN users u ON u.id = c.user_id WHERE c.id = ? AND u.disabled_at IS NULL`,
    )
    .bind(conversationId)
    .first<Row>();
  if (!row) return null;
  return {
    settings: { conversationId, userId: row.user_id, model: row.model, systemPrompt: row.system_prompt, temperature: row.temperature, useHistory: row.use_history === 1 },
    models: parseModelsConfig(row.models),
    budget: effectiveBudget(row.daily_token_budget, parseQuotaSettings(row.quotas)),
  };
}
