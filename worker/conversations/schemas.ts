/** Shapes of the conversation index routes (the sidebar's list; messages live in each room). */
import { z } from "@hono/zod-openapi";

const title = z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters");
const model = z.string().trim().min(1).max(200).openapi({ example: "llama3.2:3b" });
const systemPrompt = z.string().max(8_000, "must be at most 8000 characters");
const temperature = z.number().min(0).max(2);

export const createConversationBody = z
  .object({
    title: title.optional(),
    model: model.optional(),
    systemPrompt: systemPrompt.optional(),
    temperature: temperature.optional(),
    useHistory: z.boolean().optional(),
  })
  .openapi("CreateConversation");

export const updateConversationBody = z
  .object({
    title: title.optional(),
    model: model.nullable().optional(),
    systemPrompt: systemPrompt.nullable().optional(),
    temperature: temperature.nullable().optional(),
    pinned: z.boolean().optional(),
    archived: z.boolean().optional(),
    useHistory: z.boolean().optional().openapi({ description: "Give replies passages from the owner's other conversations, with citations" }),
  })
  .refine((body) => Object.values(body).some((v) => v !== undefined), "name at least one field to change")
  .openapi("UpdateConversation");

export const conversationSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    model: z.string().nullable(),
    systemPrompt: z.string().nullable(),
    temperature: z.number().nullable(),
    pinned: z.boolean(),
    archived: z.boolean(),
    useHistory: z.boolean(),
    preview: z.string().nullable(),
    createdAt: z.string().openapi({ format: "date-time" }),
    updatedAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("Conversation");

export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(30).openapi({ param: { name: "limit", in: "query" } }),
  cursor: z.string().max(500).optional().openapi({ param: { name: "cursor", in: "query" }, description: "`nextCursor` of the previous page" }),
  archived: z
    .enum(["true", "false"])
    .default("false")
    .transform((v) => v === "true")
    .openapi({ param: { name: "archived", in: "query" }, description: "List archived conversations instead" }),
});

export const conversationPage = z
  .object({ items: z.array(conversationSchema), nextCursor: z.string().nullable() })
  .openapi("ConversationPage");

export const idParam = z.object({
  id: z.string().min(1).max(64).openapi({ param: { name: "id", in: "path" } }),
});

export type CreateConversation = z.infer<typeof createConversationBody>;
export type UpdateConversation = z.infer<typeof updateConversationBody>;
