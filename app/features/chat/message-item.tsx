/**
 * One message: the person's text as written, a reply rendered as safe Markdown, its state
 * (writing, stopped, failed with retry), usage and time to first token, and the actions:
 * copy, edit (branches), regenerate (branches) and ‹ i/n › between branches.
 */
import { memo, useId, useState } from "react";
import { Citations } from "./citations";
import type { Pending, UiMessage } from "./conversation-state";
import { ReplyText } from "./lazy-markdown";

type Props = {
  message: UiMessage;
  /** Position among its versions (siblings from edits or regenerations). */
  versionIndex: number;
  versionCount: number;
  onVersion: (message: UiMessage, offset: -1 | 1) => void;
  onRegenerate: (id: string) => void;
  onEdit: (id: string, content: string) => void;
  busy: boolean;
  /** The message a link opened (search, a citation): highlighted briefly, marked as current. */
  opened?: boolean;
};

export const MessageItem = memo(function MessageItem({ message, versionIndex, versionCount, onVersion, onRegenerate, onEdit, busy, opened = false }: Props) {
  const [editing, setEditing] = useState(false);
  const isUser = message.role === "user";
  const streaming = message.status === "streaming";
  const failed = message.finishReason === "error";
  return (
    <article
      className={`message message-${message.role}`}
      aria-current={opened ? "true" : undefined}
      data-status={message.status}
      data-finish={message.finishReason ?? undefined}
      aria-label={isUser ? "You said" : `Reply from ${message.model ?? "the assistant"}`}
    >
      <p className="message-role">{isUser ? "You" : (message.model ?? "Assistant")}</p>
      {editing ? (
        <EditForm
          initial={message.content}
          onCancel={() => setEditing(false)}
          onSave={(content) => {
            setEditing(false);
            onEdit(message.id, content);
          }}
        />
      ) : isUser ? (
        <div className="message-text plain">{message.content}</div>
      ) : (
        <div className="message-text">
          {message.content ? <ReplyText text={message.content} streaming={streaming} /> : streaming ? <span className="typing" aria-label="Writing" /> : null}
        </div>
      )}
      {!isUser && message.citations?.length ? <Citations citations={message.citations} /> : null}
      <footer className="message-meta">
        {versionCount > 1 ? <BranchSwitch index={versionIndex} count={versionCount} go={(offset) => onVersion(message, offset)} /> : null}
        {streaming ? <span className="muted">Writing…</span> : null}
        {message.finishReason === "stopped" ? <span className="badge">Stopped</span> : null}
        {failed ? <span className="field-error">Failed: {message.error ?? "the model host stopped answering"}</span> : null}
        {!isUser && message.status === "complete" && message.usage ? <UsageNote usage={message.usage} /> : null}
        <span className="message-actions">
          {!streaming && message.content ? <CopyButton text={message.content} /> : null}
          {isUser && !editing ? (
            <button type="button" className="link-button" onClick={() => setEditing(true)} disabled={busy}>
              Edit
            </button>
          ) : null}
          {!isUser && !streaming ? (
            <button type="button" className="link-button" onClick={() => onRegenerate(message.id)} disabled={busy}>
              {failed ? "Retry" : "Regenerate"}
            </button>
          ) : null}
        </span>
      </footer>
    </article>
  );
});

function UsageNote({ usage }: { usage: NonNullable<UiMessage["usage"]> }) {
  const parts = [`${usage.completionTokens} tokens`];
  if (usage.ttftMs !== undefined) parts.push(`first token ${usage.ttftMs} ms`);
  return (
    <span className="muted usage" title={`Prompt ${usage.promptTokens} tokens`}>
      {parts.join(" · ")}
    </span>
  );
}

function BranchSwitch({ index, count, go }: { index: number; count: number; go: (offset: -1 | 1) => void }) {
  return (
    <span className="branches" role="group" aria-label="Versions">
      <button type="button" className="icon-button" aria-label="Previous version" disabled={index === 0} onClick={() => go(-1)}>
        ‹
      </button>
      <span aria-live="polite">
        {index + 1}/{count}
      </span>
      <button type="button" className="icon-button" aria-label="Next version" disabled={index === count - 1} onClick={() => go(1)}>
        ›
      </button>
    </span>
  );
}

export function CopyButton({ text, label = "Copy" }: { text: string; label?: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <button
      type="button"
      className="link-button"
      onClick={() => {
        void navigator.clipboard?.writeText(text).then(() => {
          setCopied(true);
          setTimeout(() => setCopied(false), 2000);
        });
      }}
    >
      {copied ? "Copied" : label}
    </button>
  );
}

function EditForm({ initial, onSave, onCancel }: { initial: string; onSave: (content: string) => void; onCancel: () => void }) {
  const [draft, setDraft] = useState(initial);
  const id = useId();
  const save = () => draft.trim() && draft !== initial && onSave(draft);
  return (
    <form
      className="edit-form"
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <label className="visually-hidden" htmlFor={id}>
        Edit message
      </label>
      <textarea
        id={id}
        autoFocus
        value={draft}
        rows={Math.min(10, draft.split("\n").length + 1)}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Escape") onCancel();
          if (event.key === "Enter" && !event.shiftKey) {
            event.preventDefault();
            save();
          }
        }}
      />
      <div className="edit-actions">
        <button type="submit" className="button primary" disabled={!draft.trim() || draft === initial}>
          Save and send
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** A message typed here that the room has not stored yet. */
export function PendingItem({ pending, onDiscard, onRetry }: { pending: Pending; onDiscard: () => void; onRetry: () => void }) {
  return (
    <article className="message message-user" data-status="pending" aria-label="You said">
      <p className="message-role">You</p>
      <div className="message-text plain">{pending.content}</div>
      <footer className="message-meta">
        {pending.error ? (
          <>
            <span className="field-error">Not sent: {pending.error}</span>
            <span className="message-actions">
              <button type="button" className="link-button" onClick={onRetry}>
                Try again
              </button>
              <button type="button" className="link-button" onClick={onDiscard}>
                Discard
              </button>
            </span>
          </>
        ) : (
          <span className="muted">{pending.state === "queued" ? "Waiting for the connection…" : "Sending…"}</span>
        )}
      </footer>
    </article>
  );
}
