/**
 * The conversation screen: the active branch of messages, each reply's state (streaming, stopped,
 * failed with retry), the connection state, and the composer with send and stop. Text is shown
 * as text (React escapes it); Markdown rendering comes with the full chat UI.
 */
import { useEffect, useRef, useState } from "react";
import { useRevalidator } from "react-router";
import type { StoredMessage } from "../../../worker/shared/protocol";
import { activeBranch, useConversation, type Connection, type UiMessage } from "./use-conversation";

const CONNECTION_LABEL: Record<Connection, string> = {
  connecting: "Connecting…",
  live: "Live",
  offline: "Offline — reconnecting",
  resuming: "Reconnecting…",
};

export function ChatView({ conversationId, title, initial }: { conversationId: string; title: string; initial: StoredMessage[] }) {
  const { connection, messages, notice, send } = useConversation(conversationId, initial);
  const branch = activeBranch(messages);
  const streaming = branch.find((m) => m.status === "streaming");
  const [draft, setDraft] = useState("");
  const end = useRef<HTMLDivElement>(null);
  const lastLength = branch.at(-1)?.content.length ?? 0;

  useEffect(() => {
    end.current?.scrollIntoView({ block: "end" });
  }, [branch.length, lastLength]);

  // A finished reply may have renamed the conversation: refresh the title and the sidebar.
  const { revalidate } = useRevalidator();
  const finished = branch.filter((m) => m.role === "assistant" && m.status === "complete").length;
  useEffect(() => {
    if (finished > 0) void revalidate();
  }, [finished, revalidate]);

  const submit = () => {
    const content = draft.trim();
    if (!content || streaming) return;
    if (send({ type: "send", content, clientId: crypto.randomUUID() })) setDraft("");
  };

  return (
    <section className="chat" aria-label={title}>
      <header className="chat-header">
        <h1>{title}</h1>
        <span className={`connection connection-${connection}`} role="status" aria-live="polite">
          {CONNECTION_LABEL[connection]}
        </span>
      </header>
      <ol className="messages" aria-live="polite" aria-busy={streaming ? true : undefined}>
        {branch.length === 0 ? <li className="muted empty">Ask your first question below.</li> : null}
        {branch.map((m) => (
          <MessageItem key={m.id} message={m} onRetry={() => send({ type: "regenerate", messageId: m.id })} />
        ))}
      </ol>
      <div ref={end} />
      {notice ? (
        <p className="form-error" role="alert">
          {notice}
        </p>
      ) : null}
      <form
        className="composer"
        onSubmit={(event) => {
          event.preventDefault();
          submit();
        }}
      >
        <label htmlFor="composer" className="visually-hidden">
          Message
        </label>
        <textarea
          id="composer"
          value={draft}
          rows={3}
          placeholder="Message (Enter to send, Shift+Enter for a new line)"
          onChange={(event) => setDraft(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter" && !event.shiftKey) {
              event.preventDefault();
              submit();
            }
          }}
        />
        {streaming ? (
          <button type="button" className="button" onClick={() => send({ type: "stop" })}>
            Stop
          </button>
        ) : (
          <button type="submit" className="button primary" disabled={!draft.trim() || connection !== "live"}>
            Send
          </button>
        )}
      </form>
    </section>
  );
}

function MessageItem({ message, onRetry }: { message: UiMessage; onRetry: () => void }) {
  const failed = message.finishReason === "error";
  return (
    <li className={`message message-${message.role}`} data-status={message.status} data-finish={message.finishReason ?? undefined}>
      <p className="message-role">{message.role === "user" ? "You" : (message.model ?? "Assistant")}</p>
      <div className="message-text">{message.content || (message.status === "streaming" ? "…" : "")}</div>
      {message.role === "assistant" ? (
        <p className="message-meta muted small">
          {message.status === "streaming" ? "Writing…" : null}
          {message.finishReason === "stopped" ? "Stopped" : null}
          {failed ? <span className="field-error">Failed: {message.error ?? "the model host stopped answering"} </span> : null}
          {message.status === "complete" && message.usage ? (
            <span>
              {" "}
              {message.usage.completionTokens} tokens
              {message.usage.ttftMs !== undefined ? ` · first token ${message.usage.ttftMs} ms` : ""}
            </span>
          ) : null}
          {message.status === "complete" ? (
            <button type="button" className="link-button" onClick={onRetry}>
              {failed ? "Retry" : "Regenerate"}
            </button>
          ) : null}
        </p>
      ) : null}
    </li>
  );
}
