/**
 * The conversation screen: header (title, model, settings, connection), the branch on screen,
 * the composer, and a polite live region that reads each finished reply to screen readers.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useFetcher, useRevalidator } from "react-router";
import type { StoredMessage } from "../../../worker/shared/protocol";
import { ModelPicker, type Catalogue } from "../models/model-picker";
import { ROOT } from "./branches";
import { ChatSettings, type ConversationSettings } from "./chat-settings";
import { Composer } from "./composer";
import { MessageItem, PendingItem } from "./message-item";
import { MessageList } from "./message-list";
import { useConversation, type Connection, type UiMessage } from "./use-conversation";

const CONNECTION_LABEL: Record<Connection, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline — reconnecting",
  resuming: "Reconnecting…",
};

export type ChatConversation = ConversationSettings & { id: string; title: string; model: string | null };
type Props = {
  conversation: ChatConversation;
  initial: StoredMessage[];
  catalogue: Catalogue;
  /** A message to show (`?m=`, from search or a citation), and the navigation that asked for it. */
  opened: { messageId: string; navigation: string } | null;
};

const PENDING = "pending:";

export function ChatView({ conversation, initial, catalogue, opened }: Props) {
  const chat = useConversation(conversation.id, initial);
  const { messages, branch, tree, pending, connection, choose, command, send, discard, reveal } = chat;
  const composer = useRef<HTMLTextAreaElement>(null);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const streamingId = findStreaming(messages);
  const busy = streamingId !== null;

  const onVersion = useCallback(
    (message: UiMessage, offset: -1 | 1) => {
      const siblings = tree.children.get(message.parentId ?? ROOT) ?? [];
      const target = siblings[siblings.indexOf(message.id) + offset];
      if (target) choose(message.parentId ?? ROOT, target);
    },
    [tree, choose],
  );
  const onRegenerate = useCallback((messageId: string) => command({ type: "regenerate", messageId }), [command]);
  const onEdit = useCallback((messageId: string, content: string) => command({ type: "edit", messageId, content }), [command]);
  const stop = useCallback(() => command({ type: "stop" }), [command]);

  useEffect(() => composer.current?.focus(), [conversation.id]);
  // Each navigation to a message shows it, even the same one again.
  const openedId = opened?.messageId;
  const openedBy = opened?.navigation;
  useEffect(() => {
    if (openedId) void reveal(openedId);
  }, [openedId, openedBy, reveal]);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape" && !event.shiftKey && busy && !(event.target instanceof HTMLTextAreaElement && event.target.id !== "composer")) {
        event.preventDefault();
        stop();
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [busy, stop]);

  // A finished reply may have renamed the conversation: refresh the title and the sidebar.
  const { revalidate } = useRevalidator();
  const finishedId = chat.finished?.id;
  useEffect(() => {
    if (finishedId) void revalidate();
  }, [finishedId, revalidate]);

  const keys = [...branch, ...pending.map((p) => PENDING + p.clientId)];
  const renderRow = (key: string) => {
    if (key.startsWith(PENDING)) {
      const p = pending.find((item) => PENDING + item.clientId === key)!;
      return (
        <PendingItem
          pending={p}
          onDiscard={() => discard(p.clientId)}
          onRetry={() => {
            discard(p.clientId);
            send(p.content, p.parentId);
          }}
        />
      );
    }
    const message = messages.get(key)!;
    const siblings = tree.children.get(message.parentId ?? ROOT) ?? [key];
    return (
      <MessageItem
        message={message}
        versionIndex={siblings.indexOf(key)}
        versionCount={siblings.length}
        onVersion={onVersion}
        onRegenerate={onRegenerate}
        onEdit={onEdit}
        busy={busy}
        opened={key === openedId}
      />
    );
  };

  return (
    <section className="chat" aria-labelledby="chat-title">
      <header className="chat-header">
        <h1 id="chat-title">{conversation.title}</h1>
        <div className="chat-tools">
          <ModelSwitch conversation={conversation} catalogue={catalogue} />
          <button type="button" className="button small-button" aria-expanded={settingsOpen} onClick={() => setSettingsOpen((open) => !open)}>
            Settings
          </button>
          <span className={`connection connection-${connection}`} role="status">
            {CONNECTION_LABEL[connection]}
          </span>
        </div>
      </header>
      {settingsOpen ? <ChatSettings settings={conversation} onClose={() => setSettingsOpen(false)} /> : null}
      <MessageList
        keys={keys}
        renderRow={renderRow}
        onReachTop={chat.loadOlder}
        top={<OlderState state={chat.older} onRetry={chat.loadOlder} />}
        empty={<p className="muted empty">Ask your first question below.</p>}
        endSignal={chat.sent}
        focus={chat.revealed}
      />
      {chat.notice ? (
        <p className="form-error" role="alert">
          {chat.notice}
        </p>
      ) : null}
      <Composer field={composer} streaming={busy} onSend={(content) => send(content, branch.at(-1) ?? null)} onStop={stop} />
      <div className="visually-hidden" aria-live="polite" aria-atomic="true">
        {chat.finished ? `Reply finished: ${chat.finished.text.slice(0, 500)}` : ""}
      </div>
    </section>
  );
}

function findStreaming(messages: ReadonlyMap<string, UiMessage>) {
  for (const m of messages.values()) if (m.status === "streaming") return m.id;
  return null;
}

function OlderState({ state, onRetry }: { state: string; onRetry: () => void }) {
  if (state === "loading") return <p className="older muted small">Loading earlier messages…</p>;
  if (state === "failed")
    return (
      <p className="older small">
        Earlier messages did not load.{" "}
        <button type="button" className="link-button" onClick={onRetry}>
          Try again
        </button>
      </p>
    );
  return null;
}

function ModelSwitch({ conversation, catalogue }: { conversation: ChatConversation; catalogue: Catalogue }) {
  const fetcher = useFetcher();
  const pending = fetcher.formData?.get("model");
  const value = typeof pending === "string" ? pending : conversation.model;
  return (
    <ModelPicker
      catalogue={catalogue}
      value={value}
      id="conversation-model"
      onChange={(model) => fetcher.submit({ intent: "model", model }, { method: "post" })}
    />
  );
}
