import { data } from "react-router";
import type { Route } from "./+types/chat";
import type { StoredMessage } from "../../worker/shared/protocol";
import { ChatView } from "../features/chat/chat-view";
import { api } from "../lib/api.server";
import { pageTitle } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches, loaderData }) => pageTitle(matches, loaderData?.conversation.title);

export async function loader({ request, context, params }: Route.LoaderArgs) {
  const [conversation, history] = await Promise.all([
    api(request, context, `/api/conversations/${encodeURIComponent(params.id)}`),
    api(request, context, `/api/conversations/${encodeURIComponent(params.id)}/messages?limit=200`),
  ]);
  if (conversation.status === 404) throw data("Conversation not found", { status: 404 });
  if (!conversation.ok || !history.ok) throw data("Could not load the conversation", { status: 503 });
  return {
    conversation: (await conversation.json()) as { id: string; title: string },
    messages: ((await history.json()) as { messages: StoredMessage[] }).messages,
  };
}

export default function Chat({ loaderData }: Route.ComponentProps) {
  const { conversation, messages } = loaderData;
  // Keyed by id: a different conversation is a fresh socket and state.
  return <ChatView key={conversation.id} conversationId={conversation.id} title={conversation.title} initial={messages} />;
}
