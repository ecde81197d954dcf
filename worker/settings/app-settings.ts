/**
 * Typed rows of `app_settings`: admin settings that must be read consistently right after a change
 * (D1, not KV). Each key has its own zod schema and default, kept by the feature that owns it
 * (`models` in worker/models/models-config.ts, `quotas` in worker/quotas/quota-settings.ts).
 * A row that fails its schema (never written by this code) reads as the default and is logged.
 */
import { eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { Database } from "../db/client";
import { appSettings } from "../db/schema";
import { log } from "../http/request-log";

export type SettingKey = "models" | "quotas";

/** The stored JSON text of a setting (or null when never saved) as its typed value. */
export function parseSetting<T>(key: SettingKey, raw: string | null | undefined, schema: z.ZodType<T>, fallback: T): T {
  if (raw == null) return fallback;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    json = undefined;
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  log("error", "app_setting_invalid", { key });
  return fallback;
}

export async function readSetting<T>(db: Database, key: SettingKey, schema: z.ZodType<T>, fallback: T): Promise<T> {
  const [row] = await db.select({ value: appSettings.value }).from(appSettings).where(eq(appSettings.key, key)).limit(1);
  return parseSetting(key, row?.value, schema, fallback);
}

/** The upsert of a setting, bumping its version; batch it with the audit entry. */
export function writeSetting(db: Database, key: SettingKey, value: unknown, actorId: string) {
  const now = Date.now();
  const json = JSON.stringify(value);
  return db
    .insert(appSettings)
    .values({ key, value: json, version: 1, updatedAt: now, updatedBy: actorId })
    .onConflictDoUpdate({ target: appSettings.key, set: { value: json, version: sql`${appSettings.version} + 1`, updatedAt: now, updatedBy: actorId } });
}
