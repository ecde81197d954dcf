/** Request and response shapes of the admin user routes and of `DELETE /api/account`. */
import { z } from "@hono/zod-openapi";
import { PASSWORD_MAX } from "../auth/schemas";

export const MAX_TOKEN_BUDGET = 1_000_000_000_000;

export const adminUserSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["admin", "user"]),
    disabled: z.boolean(),
    dailyTokenBudget: z.number().int().nullable().openapi({ description: "Their own daily token budget; null means the default" }),
    createdAt: z.string().openapi({ format: "date-time" }),
    lastActiveAt: z.string().nullable().openapi({ format: "date-time", description: "When their newest open session began" }),
    conversations: z.number().int().openapi({ description: "How many conversations they have" }),
    tokensToday: z.number().int().openapi({ description: "Tokens counted against their budget this UTC day" }),
  })
  .openapi("AdminUser");

export const adminUserPage = z
  .object({ items: z.array(adminUserSchema), nextCursor: z.string().nullable() })
  .openapi("AdminUserPage");

export const adminUserQuery = z.object({
  q: z
    .string()
    .trim()
    .max(200, "must be at most 200 characters")
    .optional()
    .openapi({ param: { name: "q", in: "query" }, description: "Part of the name or email, any case" }),
  limit: z.coerce.number().int().min(1).max(100).default(50).openapi({ param: { name: "limit", in: "query" } }),
  cursor: z.string().max(500).optional().openapi({ param: { name: "cursor", in: "query" }, description: "`nextCursor` of the previous page" }),
});

export const userIdParam = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});

export const userChangeBody = z
  .object({
    role: z.enum(["admin", "user"]).optional(),
    disabled: z.boolean().optional().openapi({ description: "true signs them out everywhere at once; false lets them sign in again" }),
    dailyTokenBudget: z
      .number()
      .int("must be a whole number")
      .positive("must be positive, or null for the default")
      .max(MAX_TOKEN_BUDGET)
      .nullable()
      .optional()
      .openapi({ description: "Tokens per UTC day for this person; null returns them to the default" }),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), "name at least one field to change")
  .openapi("AdminUserChange");

export const deleteAccountBody = z
  .object({
    password: z.string().min(1, "is required").max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
  })
  .openapi("DeleteAccountRequest");

export type AdminUserQuery = z.output<typeof adminUserQuery>;
export type UserChange = z.output<typeof userChangeBody>;
