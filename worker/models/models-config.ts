/**
 * The admin's model rules (`app_settings` key "models"): which models people may use (null: every
 * model the hosts offer), the model new conversations start with, and friendlier names. Read from
 * D1 at each send and each `GET /api/models`, so a change applies to the next request.
 */
import { z } from "@hono/zod-openapi";
import type { Database } from "../db/client";
import { auditInsert } from "../audit/audit-log";
import { parseSetting, readSetting, writeSetting } from "../settings/app-settings";
import type { Catalogue } from "./catalogue";

const modelId = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");

export const modelsConfigSchema = z
  .object({
    allowlist: z
      .array(modelId)
      .min(1, "must name at least one model, or be null to offer every model")
      .max(500)
      .nullable()
      .openapi({ description: "The models people may use; null offers every model the hosts have" }),
    defaultModel: modelId.nullable().openapi({ description: "What a conversation created without a model uses" }),
    displayNames: z
      .record(modelId, z.string().trim().min(1, "must not be empty").max(60, "must be at most 60 characters"))
      .refine((names) => Object.keys(names).length <= 500, "may name at most 500 models")
      .openapi({ description: "Names shown instead of model ids" }),
  })
  .superRefine((config, ctx) => {
    if (config.allowlist && config.defaultModel && !config.allowlist.includes(config.defaultModel)) {
      ctx.addIssue({ code: "custom", path: ["defaultModel"], message: "must be one of the allowed models" });
    }
  })
  .openapi("ModelsConfig");

export type ModelsConfig = z.output<typeof modelsConfigSchema>;

export const DEFAULT_MODELS_CONFIG: ModelsConfig = { allowlist: null, defaultModel: null, displayNames: {} };

export function parseModelsConfig(raw: string | null | undefined): ModelsConfig {
  return parseSetting("models", raw, modelsConfigSchema, DEFAULT_MODELS_CONFIG);
}

export function readModelsConfig(db: Database) {
  return readSetting(db, "models", modelsConfigSchema, DEFAULT_MODELS_CONFIG);
}

/** Saves the rules (an allowlist without repeats) with its audit entry, in one batch. */
export async function saveModelsConfig(db: Database, input: ModelsConfig, actorId: string, requestId: string) {
  const config = { ...input, allowlist: input.allowlist ? [...new Set(input.allowlist)] : null };
  await db.batch([
    writeSetting(db, "models", config, actorId),
    auditInsert(db, { actorId, action: "models.updated", targetType: "settings", targetId: "models", detail: config, requestId }),
  ]);
  return config;
}

export function modelAllowed(config: ModelsConfig, model: string) {
  return config.allowlist === null || config.allowlist.includes(model);
}

/** What the rules name that no host offers right now: allowed, since a host may just be down. */
export function unknownModels(config: ModelsConfig, catalogue: Catalogue) {
  const offered = new Set(catalogue.models.map((m) => m.id));
  const named = [...(config.allowlist ?? []), ...(config.defaultModel ? [config.defaultModel] : [])];
  return [...new Set(named)].filter((id) => !offered.has(id));
}

/**
 * The catalogue people see: allowed models only (hosts list only those too), each with its
 * display name and whether it is the default.
 */
export function catalogueForUsers(catalogue: Catalogue, config: ModelsConfig) {
  const allowed = (id: string) => modelAllowed(config, id);
  return {
    models: catalogue.models
      .filter((m) => allowed(m.id))
      .map((m) => ({ ...m, displayName: config.displayNames[m.id] ?? m.id, default: m.id === config.defaultModel })),
    hosts: catalogue.hosts.map((h) => ({
      ...h,
      models: h.models.filter(allowed),
      ...(h.loaded ? { loaded: h.loaded.filter(allowed) } : {}),
    })),
    defaultModel: config.defaultModel,
    fetchedAt: catalogue.fetchedAt,
  };
}
