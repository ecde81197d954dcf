/** `POST /api/ws-ticket`: a single-use, 60-second ticket to open one conversation's socket. */
import { createRoute, z } from "@hono/zod-openapi";
import { requireUser } from "../auth/guards";
import { getConversation } from "../conversations/conversation-index";
import { database } from "../db/client";
import { errorResponses } from "../http/errors";
import { openApiApp, signedIn } from "../http/openapi-app";
import { issueTicket } from "./ws-tickets";

const ticketRequest = z.object({ conversationId: z.string().min(1).max(64) }).openapi("TicketRequest");

export const ticketRoutes = openApiApp().openapi(
  createRoute({
    method: "post",
    path: "/",
    tags: ["Live conversations"],
    security: signedIn,
    summary: "A ticket for `GET /api/conversations/:id/ws?ticket=` (single use, 60 s)",
    request: {
      body: { required: true, content: { "application/json": { schema: ticketRequest } } },
    },
    responses: {
      200: {
        description: "The ticket",
        content: { "application/json": { schema: z.object({ ticket: z.string(), expiresAt: z.string() }).openapi("Ticket") } },
      },
      ...errorResponses(400, 401, 403, 404, 415),
    },
  }),
  async (c) => {
    const user = requireUser(c);
    const db = database(c.env.DB);
    // Validated by the route's schema; @hono/zod-openapi infers `never` for this one-route app.
    const { conversationId } = c.req.valid("json" as never) as z.infer<typeof ticketRequest>;
    const conversation = await getConversation(db, user.id, conversationId);
    return c.json(await issueTicket(db, user.id, conversation.id), 200);
  },
);
