/**
 * Whether a reply may start, and with what: the conversation room asks before it stores anything.
 * In order: the conversation still exists; the model (the message's, else the conversation's,
 * else the admin's default) is allowed and offered; the message's target is in the room; and the
 * owner's daily budget holds the reply's worst case, which is then reserved. A refusal leaves no
 * trace; an admitted reply owns a reservation that the room settles when the reply ends.
 */
import { getConfig } from "../config/config";
import type { Env } from "../env";
import { fitToContext } from "../llm/context-budget";
import type { ChatMessage } from "../llm/port";
import { catalogueWith, type Catalogue } from "../models/catalogue";
import { modelAllowed } from "../models/models-config";
import { quotaMessage, reserveTokens, type Reservation } from "../quotas/token-budget";
import { historyFor } from "../search/history-passages";
import type { Citation, ClientMessage, ServerMessage } from "../shared/protocol";
import { branchTo, getMessage, newestMessage } from "./room-store";
import { loadSendContext, type RoomSettings } from "./send-context";

export type Refusal = Extract<ServerMessage, { type: "error" }>;
export type Reply = Extract<ClientMessage, { type: "send" | "regenerate" | "edit" }>;
/** Where a reply goes: after an existing message, or after a new user message stored first. */
export type Place = { parentId: string | null; user: { content: string; clientId: string | null } | null };
export type Admitted = {
  model: string;
  settings: RoomSettings;
  catalogue: Catalogue;
  place: Place;
  prompt: { messages: ChatMessage[]; numCtx: number };
  reservation: Reservation;
  /** The history passages the prompt carries ("use my history"), cited under the reply. */
  citations: Citation[];
};

export async function admitReply(env: Env, sql: SqlStorage, conversationId: string | undefined, message: Reply): Promise<Admitted | Refusal> {
  const config = getConfig(env);
  const context = conversationId ? await loadSendContext(env.DB, conversationId) : null;
  if (!context) return refusal("not_found", "This conversation no longer exists");
  const { settings, models, budget } = context;
  const model = (message.type === "send" ? message.model : undefined) ?? settings.model ?? models.defaultModel;
  if (!model) return refusal("model_required", "Choose a model for this conversation first");
  if (!modelAllowed(models, model)) return refusal("model_not_allowed", `The model "${model}" is not offered here; choose another one`);
  const catalogue = await catalogueWith(env.KV, config, model);
  if (!catalogue) return refusal("unknown_model", `No reachable host offers the model "${model}"`);

  const place = placeOf(sql, message);
  if ("type" in place) return place;
  const branch: ChatMessage[] = (place.parentId ? branchTo(sql, place.parentId) : []).map((m) => ({ role: m.role, content: m.content }));
  if (place.user) branch.push({ role: "user", content: place.user.content });
  const question = branch.findLast((m) => m.role === "user")?.content;
  const history = settings.useHistory && question ? await historyFor(env, config, settings.userId, settings.conversationId, question) : { instructions: null, citations: [] };
  const system = [settings.systemPrompt, history.instructions].filter(Boolean).join("\n\n");
  if (system) branch.unshift({ role: "system", content: system });
  const fitted = fitToContext(branch, { contextTokens: config.MODEL_CONTEXT_TOKENS, replyTokens: config.MODEL_REPLY_TOKENS });
  // The worst case: the prompt as estimated, plus a full reply.
  const reserved = await reserveTokens(env.DB, settings.userId, budget, fitted.promptTokens + config.MODEL_REPLY_TOKENS);
  if (!reserved.ok) return refusal("quota_exceeded", quotaMessage(reserved));
  return { model, settings, catalogue, place, prompt: { messages: fitted.messages, numCtx: fitted.numCtx }, reservation: reserved.reservation, citations: history.citations };
}

/** Where the reply goes, from the message's target; a refusal when the target is not there. */
function placeOf(sql: SqlStorage, message: Reply): Place | Refusal {
  if (message.type === "regenerate") {
    const target = getMessage(sql, message.messageId);
    if (!target || target.role !== "assistant") return refusal("not_found", "No such reply to regenerate");
    return { parentId: target.parentId, user: null };
  }
  if (message.type === "edit") {
    const target = getMessage(sql, message.messageId);
    if (!target || target.role !== "user") return refusal("not_found", "No such message to edit");
    return { parentId: target.parentId, user: { content: message.content, clientId: null } };
  }
  if (message.parentId !== undefined) {
    // The branch on the sender's screen; a reply still streaming cannot be answered yet.
    const parent = getMessage(sql, message.parentId);
    if (!parent || parent.status === "streaming") return refusal("not_found", "No such message to continue");
    return { parentId: parent.id, user: { content: message.content, clientId: message.clientId } };
  }
  return { parentId: newestMessage(sql)?.id ?? null, user: { content: message.content, clientId: message.clientId } };
}

function refusal(code: string, message: string): Refusal {
  return { type: "error", code, message };
}
