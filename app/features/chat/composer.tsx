/**
 * The composer: Enter sends, Shift+Enter starts a new line, the field grows with the text.
 * While a reply is written the Stop button replaces Send. Typing works offline: the message is
 * queued and sent once the connection is back.
 */
import { useState, type RefObject } from "react";

type Props = {
  field: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  onSend: (content: string) => void;
  onStop: () => void;
};

export function Composer({ field, streaming, onSend, onStop }: Props) {
  const [draft, setDraft] = useState("");
  const submit = () => {
    const content = draft.trim();
    if (!content || streaming) return;
    onSend(content);
    setDraft("");
  };
  return (
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
        ref={field}
        value={draft}
        rows={Math.min(8, Math.max(2, draft.split("\n").length))}
        placeholder="Message (Enter to send, Shift+Enter for a new line)"
        aria-keyshortcuts="Shift+Escape"
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
            event.preventDefault();
            submit();
          }
        }}
      />
      {streaming ? (
        <button type="button" className="button" onClick={onStop} aria-keyshortcuts="Escape">
          Stop
        </button>
      ) : (
        <button type="submit" className="button primary" disabled={!draft.trim()}>
          Send
        </button>
      )}
    </form>
  );
}
