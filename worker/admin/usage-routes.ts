/**
 * Admin: token usage (`GET /api/admin/usage`) per day, person or model over a range of UTC days,
 * and the default daily token budget (`GET|PUT /api/admin/usage/quotas`).
 */
import { createRoute, z } from "@hono/zod-openapi";
import { requireAdmin } from "../auth/guards";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { invalidFields, jsonContent, openApiApp, signedIn } from "../http/openapi-app";
import { readModelsConfig } from "../models/models-config";
import { quotaSettingsSchema, readQuotaSettings, saveQuotaSettings } from "../quotas/quota-settings";
import { utcDay } from "../quotas/token-budget";
import { addDays, daysBetween, usageReport } from "../usage/usage-report";

const tags = ["Admin"];
const security = signedIn;
const MAX_DAYS = 366;
const DEFAULT_DAYS = 30;

function isDay(text: string) {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(Date.parse(text)) && new Date(Date.parse(text)).toISOString().startsWith(text);
}

const day = (name: string, description: string) =>
  z
    .string()
    .refine(isDay, "must be a calendar date as YYYY-MM-DD")
    .optional()
    .openapi({ param: { name, in: "query" }, description, example: "2026-11-01" });

const usageQuery = z.object({
  from: day("from", `First UTC day, included (default: ${DEFAULT_DAYS - 1} days before \`to\`)`),
  to: day("to", "Last UTC day, included (default: today)"),
  groupBy: z.enum(["day", "user", "model"]).default("day").openapi({ param: { name: "groupBy", in: "query" } }),
  userId: z.string().min(1).max(64).optional().openapi({ param: { name: "userId", in: "query" }, description: "Only this person's usage" }),
});

const sums = { promptTokens: z.number().int(), completionTokens: z.number().int(), messages: z.number().int().openapi({ description: "Replies" }) };
const usageView = z
  .object({
    from: z.string(),
    to: z.string(),
    groupBy: z.enum(["day", "user", "model"]),
    userId: z.string().optional(),
    rows: z.array(
      z.object({
        key: z.string().openapi({ description: "The day, user id or model id" }),
        label: z.string().optional().openapi({ description: "The person's email, or the model's display name" }),
        name: z.string().optional().openapi({ description: "The person's name (groupBy=user)" }),
        ...sums,
      }),
    ),
    totals: z.object(sums),
    series: z
      .array(z.object({ day: z.string(), ...sums }))
      .optional()
      .openapi({ description: "groupBy=day: every day of the range in order, zeros included" }),
  })
  .openapi("AdminUsage");

const quotasView = quotaSettingsSchema
  .extend({ warnings: z.array(z.string()).openapi({ description: "Budgets that would refuse every send" }) })
  .openapi("QuotaSettingsSaved");

export const adminUsageRoutes = openApiApp()
  .openapi(
    createRoute({
      method: "get",
      path: "/",
      tags,
      security,
      summary: `Tokens and replies per day, person or model over UTC days (default the last ${DEFAULT_DAYS}, at most ${MAX_DAYS})`,
      request: { query: usageQuery },
      responses: { 200: jsonContent(usageView, "Usage"), ...errorResponses(400, 401, 403) },
    }),
    async (c) => {
      requireAdmin(c);
      const query = c.req.valid("query");
      const to = query.to ?? utcDay();
      const from = query.from ?? addDays(to, -(DEFAULT_DAYS - 1));
      if (from > to) throw invalidFields([{ field: "from", message: "must not be after to" }]);
      if (daysBetween(from, to) > MAX_DAYS) throw invalidFields([{ field: "from", message: `must be at most ${MAX_DAYS} days before to` }]);
      const db = database(c.env.DB);
      const displayNames = query.groupBy === "model" ? (await readModelsConfig(db)).displayNames : {};
      const report = await usageReport(db, { from, to, groupBy: query.groupBy, ...(query.userId ? { userId: query.userId } : {}) }, displayNames);
      return c.json(report, 200);
    },
  )
  .openapi(
    createRoute({
      method: "get",
      path: "/quotas",
      tags,
      security,
      summary: "The default daily token budget (a person's own budget, set on their account, wins)",
      responses: { 200: jsonContent(quotaSettingsSchema, "Quota settings"), ...errorResponses(401, 403) },
    }),
    async (c) => {
      requireAdmin(c);
      return c.json(await readQuotaSettings(database(c.env.DB)), 200);
    },
  )
  .openapi(
    createRoute({
      method: "put",
      path: "/quotas",
      tags,
      security,
      summary: "Set the default daily token budget (null: no limit); sends are checked against it from the next one",
      request: { body: { required: true, content: { "application/json": { schema: quotaSettingsSchema } } } },
      responses: { 200: jsonContent(quotasView, "Saved"), ...errorResponses(400, 401, 403, 413, 415) },
    }),
    async (c) => {
      const admin = requireAdmin(c);
      const settings = c.req.valid("json");
      await saveQuotaSettings(database(c.env.DB), settings, admin.id, c.get("requestId"));
      const replyTokens = c.get("config").MODEL_REPLY_TOKENS;
      const budget = settings.defaultDailyTokenBudget;
      const warnings =
        budget !== null && budget <= replyTokens
          ? [`Every reply reserves room for ${replyTokens} tokens (MODEL_REPLY_TOKENS) plus its prompt, so a budget of ${budget} refuses every send`]
          : [];
      return c.json({ ...settings, warnings }, 200);
    },
  );
