/**
 * The default daily token budget (`app_settings` key "quotas"). A user's budget is their own
 * `users.daily_token_budget` when set, else this default; null is no limit.
 */
import { z } from "@hono/zod-openapi";
import { auditInsert } from "../audit/audit-log";
import type { Database } from "../db/client";
import { parseSetting, readSetting, writeSetting } from "../settings/app-settings";

export const quotaSettingsSchema = z
  .object({
    defaultDailyTokenBudget: z
      .number()
      .int("must be a whole number")
      .positive("must be positive, or null for no limit")
      .max(1_000_000_000_000)
      .nullable()
      .openapi({ description: "Tokens (prompt + completion) each person may use per UTC day unless they have their own budget; null is no limit" }),
  })
  .openapi("QuotaSettings");

export type QuotaSettings = z.output<typeof quotaSettingsSchema>;

export const DEFAULT_QUOTA_SETTINGS: QuotaSettings = { defaultDailyTokenBudget: null };

export function parseQuotaSettings(raw: string | null | undefined): QuotaSettings {
  return parseSetting("quotas", raw, quotaSettingsSchema, DEFAULT_QUOTA_SETTINGS);
}

export function readQuotaSettings(db: Database) {
  return readSetting(db, "quotas", quotaSettingsSchema, DEFAULT_QUOTA_SETTINGS);
}

export async function saveQuotaSettings(db: Database, settings: QuotaSettings, actorId: string, requestId: string) {
  const previous = await readQuotaSettings(db);
  await db.batch([
    writeSetting(db, "quotas", settings, actorId),
    auditInsert(db, {
      actorId,
      action: "quotas.updated",
      targetType: "settings",
      targetId: "quotas",
      detail: { defaultDailyTokenBudget: settings.defaultDailyTokenBudget, previous: previous.defaultDailyTokenBudget },
      requestId,
    }),
  ]);
}

/** A user's budget for today: their own, else the default; null means no limit. */
export function effectiveBudget(userBudget: number | null, settings: QuotaSettings) {
  return userBudget ?? settings.defaultDailyTokenBudget;
}
