/**
 * Branding versions, visible everywhere on the very next request (docs/decisions/008).
 * D1 (`app_settings` row "branding") holds the current version: its number (the `version`
 * column), its content and the last 20 versions' summaries, so one point query answers every
 * read. KV archives each version's content under the immutable key `branding:v:<n>`, which
 * rollbacks read. A save is a compare-and-set on the version column batched with its audit row:
 * of two saves based on the same version exactly one lands, and only it is audited and archived.
 */
import { z } from "@hono/zod-openapi";
import { log } from "../http/request-log";
import { withDefaults, type Branding } from "./branding";
import { DEFAULT_BRANDING } from "./defaults";

const SETTING_KEY = "branding";
export const HISTORY_LENGTH = 20;

const versionKey = (version: number) => `branding:v:${version}`;

const versionEntry = z.object({
  version: z.number().int().positive(),
  savedAt: z.string(),
  /** User id; the user may since have been deleted. */
  savedBy: z.string().nullable(),
  /** Set when this version was made by rolling back to an earlier one. */
  restoredFrom: z.number().int().positive().optional(),
});
export type VersionEntry = z.infer<typeof versionEntry>;

const storedValue = z.object({
  version: z.number().int(),
  previous: z.number().int().nullable(),
  branding: z.unknown(),
  /** Newest first, at most HISTORY_LENGTH, the current version included. */
  history: z.array(versionEntry),
});

export type BrandingState = { version: number; branding: Branding; history: VersionEntry[] };

const NEVER_SAVED: BrandingState = { version: 0, branding: DEFAULT_BRANDING, history: [] };

/** The current version (0 and the defaults until an admin saves). One D1 point query. */
export async function readCurrent(d1: D1Database): Promise<BrandingState> {
  const row = await d1
    .prepare("SELECT value, version FROM app_settings WHERE key = ?")
    .bind(SETTING_KEY)
    .first<{ value: string; version: number }>();
  if (!row) return NEVER_SAVED;
  const parsed = storedValue.safeParse(parseJson(row.value));
  if (!parsed.success) {
    // Never written by this code; keep the version number so the next save still lands.
    log("error", "app_setting_invalid", { key: SETTING_KEY });
    return { ...NEVER_SAVED, version: row.version };
  }
  return { version: row.version, branding: withDefaults(parsed.data.branding), history: parsed.data.history };
}

export type NewVersion = {
  branding: Branding;
  actorId: string;
  requestId: string;
  restoredFrom?: number;
  audit: { action: string; detail: Record<string, unknown> };
};

/** Saves `base.version + 1`; null when another save based on `base.version` landed first. */
export async function saveVersion(
  env: { DB: D1Database; KV: KVNamespace },
  base: BrandingState,
  next: NewVersion,
): Promise<BrandingState | null> {
  const version = base.version + 1;
  const now = Date.now();
  const entry: VersionEntry = {
    version,
    savedAt: new Date(now).toISOString(),
    savedBy: next.actorId,
    ...(next.restoredFrom ? { restoredFrom: next.restoredFrom } : {}),
  };
  const history = [entry, ...base.history].slice(0, HISTORY_LENGTH);
  const value = JSON.stringify({ version, previous: base.version || null, branding: next.branding, history });
  // Both statements test the same condition on the same snapshot (a batch is one transaction),
  // so the audit row exists exactly when the version lands.
  const [, written] = await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO audit_log (actor_id, action, target_type, target_id, detail, request_id, created_at)
       SELECT ?, ?, 'settings', 'branding', ?, ?, ?
       WHERE coalesce((SELECT version FROM app_settings WHERE key = ?), 0) = ?`,
    ).bind(next.actorId, next.audit.action, JSON.stringify({ version, ...next.audit.detail }), next.requestId, now, SETTING_KEY, base.version),
    env.DB.prepare(
      `INSERT INTO app_settings (key, value, version, updated_at, updated_by) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, version = excluded.version,
         updated_at = excluded.updated_at, updated_by = excluded.updated_by
       WHERE app_settings.version = ?`,
    ).bind(SETTING_KEY, value, version, now, next.actorId, base.version),
  ]);
  if (!written?.meta.changes) return null;
  await archive(env.KV, { ...entry, branding: next.branding });
  return { version, branding: next.branding, history };
}

/**
 * Archived after the D1 write, so only the winner of a race writes the key (it is never
 * overwritten). If this put fails the version is still current (D1 has it); only a later
 * rollback to it would find nothing.
 */
async function archive(kv: KVNamespace, record: VersionEntry & { branding: Branding }) {
  try {
    await kv.put(versionKey(record.version), JSON.stringify(record));
  } catch (err) {
    log("error", "branding_archive_failed", { version: record.version, message: (err as Error).message });
  }
}

/**
 * A saved version's content from the KV archive, or null when this location cannot see it (yet):
 * a version saved elsewhere in the last minute may not have reached it. No long cacheTtl, since
 * a miss would be cached as long as a hit.
 */
export async function readArchivedVersion(kv: KVNamespace, version: number): Promise<Branding | null> {
  const record = await kv.get<{ branding?: unknown }>(versionKey(version), "json");
  return record ? withDefaults(record.branding) : null;
}

export type HistoryItem = Omit<VersionEntry, "savedBy"> & { savedBy: { id: string; email?: string } | null };

/** The history with each author's current email, when the account still exists. */
export async function historyWithAuthors(d1: D1Database, history: VersionEntry[]): Promise<HistoryItem[]> {
  const ids = [...new Set(history.flatMap((h) => (h.savedBy ? [h.savedBy] : [])))];
  const emails = new Map<string, string>();
  if (ids.length > 0) {
    const { results } = await d1
      .prepare(`SELECT id, email FROM users WHERE id IN (${ids.map(() => "?").join(", ")})`)
      .bind(...ids)
      .all<{ id: string; email: string }>();
    for (const row of results) emails.set(row.id, row.email);
  }
  return history.map(({ savedBy, ...rest }) => {
    const email = savedBy ? emails.get(savedBy) : undefined;
    return { ...rest, savedBy: savedBy ? { id: savedBy, ...(email ? { email } : {}) } : null };
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
