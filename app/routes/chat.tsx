import { data, useLocation, useSearchParams } from "react-router";
import type { Route } from "./+types/chat";
import type { StoredMessage } from "../../worker/shared/protocol";
import { ChatView, type ChatConversation } from "../features/chat/chat-view";
import { FIRST_PAGE } from "../features/chat/use-conversation";
import { EMPTY_CATALOGUE, type Catalogue } from "../features/models/model-picker";
import { api, type ApiErrorBody } from "../lib/api.server";
import { pageTitle } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches, loaderData }) => pageTitle(matches, loaderData?.conversation.title);

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const id = encodeURIComponent(params.id);
  const [conversation, history, catalogue] = await Promise.all([
    api(request, context, `/api/conversations/${id}`),
    api(request, context, `/api/conversations/${id}/messages?limit=${FIRST_PAGE}`),
    api(request, context, "/api/models")
      .then(async (res) => (res.ok ? ((await res.json()) as Catalogue) : EMPTY_CATALOGUE))
      .catch(() => EMPTY_CATALOGUE),
  ]);
  if (conversation.status === 404) throw data("Conversation not found", { status: 404 });
  if (!conversation.ok || !history.ok) throw data("Could not load the conversation", { status: 503 });
  return {
    conversation: (await conversation.json()) as ChatConversation,
    messages: ((await history.json()) as { messages: StoredMessage[] }).messages,
    catalogue,
  };
}

/** Changes to this conversation's model and settings (the sidebar's changes go to conversation-actions). */
export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const intent = form?.get("intent");
  let change: Record<string, unknown>;
  if (intent === "model") {
    change = { model: String(form?.get("model") ?? "") };
  } else if (intent === "settings") {
    const prompt = String(form?.get("systemPrompt") ?? "").trim();
    const temperature = String(form?.get("temperature") ?? "").trim();
    if (temperature && !Number.isFinite(Number(temperature))) return { error: "Temperature must be a number from 0 to 2.", field: "temperature" };
    change = { systemPrompt: prompt || null, temperature: temperature ? Number(temperature) : null, useHistory: form?.get("useHistory") === "on" };
  } else {
    return { error: "Unknown change." };
  }
  const res = await api(request, context, `/api/conversations/${encodeURIComponent(params.id)}`, { method: "PATCH", json: change });
  if (res.ok) return { ok: true as const };
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  const detail = body?.error.details?.[0];
  return { error: detail ? `${detail.field ?? "Value"}: ${detail.message}` : (body?.error.message ?? "Could not save. Try again."), field: detail?.field };
}

export default function Chat({ loaderData }: Route.ComponentProps) {
  const { conversation, messages, catalogue } = loaderData;
  const messageId = useSearchParams()[0].get("m");
  const navigation = useLocation().key;
  const opened = messageId ? { messageId, navigation } : null;
  // Keyed by id: a different conversation is a fresh socket and state.
  return <ChatView key={conversation.id} conversation={conversation} initial={messages} catalogue={catalogue} opened={opened} />;
}
