/**
 * Per-conversation settings: the system prompt, temperature and "use my history" the room reads
 * at each send. Saved through the chat route's action; an empty temperature means the model's default.
 */
import { useEffect, useId, useRef } from "react";
import { useFetcher } from "react-router";

export type ConversationSettings = { systemPrompt: string | null; temperature: number | null; useHistory: boolean };
type Result = { ok: true } | { error: string; field?: string };

export function ChatSettings({ settings, onClose }: { settings: ConversationSettings; onClose: () => void }) {
  const fetcher = useFetcher<Result>();
  const id = useId();
  const first = useRef<HTMLTextAreaElement>(null);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (result && "ok" in result) onClose();
  }, [result, onClose]);
  return (
    <fetcher.Form
      method="post"
      className="settings-panel"
      aria-label="Conversation settings"
      onKeyDown={(event) => event.key === "Escape" && onClose()}
    >
      <input type="hidden" name="intent" value="settings" />
      <div className="field">
        <label htmlFor={`${id}-system`}>System prompt</label>
        <textarea
          id={`${id}-system`}
          ref={first}
          name="systemPrompt"
          rows={4}
          maxLength={8000}
          defaultValue={settings.systemPrompt ?? ""}
          placeholder="How the assistant should behave in this conversation"
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-temperature`}>Temperature</label>
        <input
          id={`${id}-temperature`}
          name="temperature"
          type="number"
          min={0}
          max={2}
          step={0.1}
          inputMode="decimal"
          defaultValue={settings.temperature ?? ""}
          placeholder="Model default"
          aria-describedby={`${id}-temperature-help`}
        />
        <p id={`${id}-temperature-help`} className="muted small">
          0 is focused and repeatable, 2 is most varied. Leave empty for the model's default.
        </p>
      </div>
      <div className="field">
        <label className="check" htmlFor={`${id}-history`}>
          <input id={`${id}-history`} name="useHistory" type="checkbox" defaultChecked={settings.useHistory} aria-describedby={`${id}-history-help`} />
          Use my history
        </label>
        <p id={`${id}-history-help`} className="muted small">
          Replies may draw on your other conversations, and list them as sources.
        </p>
      </div>
      {result && "error" in result ? (
        <p className="form-error" role="alert">
          {result.error}
        </p>
      ) : null}
      <div className="edit-actions">
        <button type="submit" className="button primary" disabled={fetcher.state !== "idle"}>
          Save settings
        </button>
        <button type="button" className="button" onClick={onClose}>
          Cancel
        </button>
      </div>
    </fetcher.Form>
  );
}
