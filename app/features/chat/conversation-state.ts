/**
 * What one open conversation holds on the client: the messages we have (newest pages first),
 * the person's branch choices, messages sent but not yet confirmed, and the connection state.
 * Deltas apply only in seq order, so nothing shows twice and a gap is left to `resume`.
 */
import type { ServerMessage, StoredMessage } from "../../../worker/shared/protocol";
import { buildTree, choicesToShow, ROOT } from "./branches";

export type Connection = "connecting" | "live" | "offline" | "resuming";
export type UiMessage = StoredMessage & { seq: number; error?: string };
/** A message typed but not yet stored by the room; shown at once, sent when the socket is live. */
export type Pending = { clientId: string; content: string; parentId: string | null; state: "queued" | "sent"; error?: string };

export type State = {
  connection: Connection;
  messages: Map<string, UiMessage>;
  /** Bumped when a message is added, so the tree is rebuilt only then, not per token. */
  structure: number;
  choices: Map<string, string>;
  pending: Pending[];
  notice: string | null;
  /** The last reply that finished, for the screen-reader announcement. */
  finished: { id: string; text: string } | null;
  older: "more" | "loading" | "none" | "failed";
  /** Counts the person's own sends, edits and regenerations here, so the view can follow them. */
  sent: number;
  /**
   * A message opened by link (search, citation): its branch stays on screen until the person
   * picks another. A new object for each opening, so the list scrolls to it again.
   */
  revealed: { id: string } | null;
};

export type Action =
  | { type: "connection"; connection: Connection }
  | { type: "server"; message: ServerMessage }
  | { type: "notice"; notice: string | null }
  | { type: "choose"; parentKey: string; childId: string }
  | { type: "reveal"; messageId: string }
  | { type: "acted" }
  | { type: "merge"; messages: StoredMessage[] }
  | { type: "queue"; pending: Pending }
  | { type: "sent"; clientIds: string[] }
  | { type: "discard"; clientId: string }
  | { type: "older"; older: State["older"]; messages?: StoredMessage[] };

const FINISHED_SEQ = Number.MAX_SAFE_INTEGER;

export function initialState(messages: StoredMessage[], hasOlder: boolean): State {
  return {
    connection: "connecting",
    messages: new Map(messages.map((m) => [m.id, toUi(m)])),
    structure: 0,
    choices: new Map(),
    pending: [],
    notice: null,
    finished: null,
    older: hasOlder ? "more" : "none",
    sent: 0,
    revealed: null,
  };
}

function toUi(m: StoredMessage): UiMessage {
  return { ...m, seq: m.status === "streaming" ? 0 : FINISHED_SEQ };
}

function withMessage(state: State, message: UiMessage): State {
  const messages = new Map(state.messages);
  const isNew = !messages.has(message.id);
  messages.set(message.id, message);
  return { ...state, messages, structure: isNew ? state.structure + 1 : state.structure };
}

export function reducer(state: State, action: Action): State {
  switch (action.type) {
    case "connection":
      return { ...state, connection: action.connection };
    case "notice":
      return { ...state, notice: action.notice };
    case "choose": {
      const choices = new Map(state.choices);
      choices.set(action.parentKey, action.childId);
      return { ...state, choices, revealed: null };
    }
    case "reveal":
      if (!state.messages.has(action.messageId)) return state;
      return { ...withPathTo(state, action.messageId), revealed: { id: action.messageId } };
    case "queue":
      return { ...state, pending: [...state.pending, action.pending], notice: null, sent: state.sent + 1, revealed: null };
    case "acted":
      return { ...state, sent: state.sent + 1, revealed: null };
    case "sent":
      return { ...state, pending: state.pending.map((p) => (action.clientIds.includes(p.clientId) ? { ...p, state: "sent" } : p)) };
    case "discard":
      return { ...state, pending: state.pending.filter((p) => p.clientId !== action.clientId) };
    case "older": {
      if (!action.messages) return { ...state, older: action.older };
      const messages = new Map(state.messages);
      for (const m of action.messages) if (!messages.has(m.id)) messages.set(m.id, toUi(m));
      const next = { ...state, messages, older: action.older, structure: state.structure + 1 };
      // Ancestors of an opened message just arrived: keep its branch on screen above them too.
      return state.revealed ? withPathTo(next, state.revealed.id) : next;
    }
    case "merge":
      return merge(state, action.messages);
    case "server":
      return onServer(state, action.message);
  }
}

/** Choices that put `id`'s branch on screen, over whatever was chosen at those forks. */
function withPathTo(state: State, id: string): State {
  const choices = new Map(state.choices);
  for (const [parentKey, childId] of choicesToShow(buildTree(state.messages.values()), id)) choices.set(parentKey, childId);
  return { ...state, choices };
}

function onServer(state: State, m: ServerMessage): State {
  switch (m.type) {
    case "message": {
      const previous = state.messages.get(m.message.id);
      let next = withMessage(state, { ...m.message, seq: previous?.seq ?? (m.message.status === "streaming" ? 0 : FINISHED_SEQ) });
      if (m.clientId) next = { ...next, pending: next.pending.filter((p) => p.clientId !== m.clientId) };
      if (!previous) {
        // A new reply or edit shows its own branch, in every tab.
        const choices = new Map(next.choices);
        choices.set(m.message.parentId ?? ROOT, m.message.id);
        next = { ...next, choices, revealed: null };
      }
      return next;
    }
    case "token": {
      const target = state.messages.get(m.messageId);
      if (!target || m.seq !== target.seq + 1) return state; // duplicates and gaps are handled by resume
      return withMessage(state, { ...target, content: target.content + m.delta, seq: m.seq });
    }
    case "done": {
      const target = state.messages.get(m.messageId);
      if (!target) return state;
      const message: UiMessage = { ...target, status: "complete", finishReason: m.finishReason, usage: m.usage, seq: FINISHED_SEQ };
      return { ...withMessage(state, message), connection: "live", finished: { id: message.id, text: message.content } };
    }
    case "error": {
      const target = m.messageId ? state.messages.get(m.messageId) : undefined;
      if (target) return withMessage(state, { ...target, error: m.message });
      // A refused send (busy, too long, unknown model): the oldest unconfirmed message carries it.
      const refused = state.pending.find((p) => p.state === "sent" && !p.error);
      if (!refused) return { ...state, notice: m.message };
      return { ...state, pending: state.pending.map((p) => (p === refused ? { ...p, error: m.message } : p)) };
    }
    default:
      return state;
  }
}

/**
 * After a reconnect: what the room stored while this tab was away. New messages are added, replies
 * that finished meanwhile take their final form, and sends the room did store stop being pending.
 */
function merge(state: State, fresh: StoredMessage[]): State {
  const messages = new Map(state.messages);
  let added = false;
  for (const m of fresh) {
    const known = messages.get(m.id);
    if (!known) {
      messages.set(m.id, toUi(m));
      added = true;
    } else if (known.status === "streaming" && m.status === "complete") {
      messages.set(m.id, toUi(m));
    }
  }
  const stored = new Set(fresh.map((m) => m.clientId).filter(Boolean));
  const pending = state.pending.filter((p) => !(p.state === "sent" && stored.has(p.clientId)));
  return { ...state, messages, pending, structure: added ? state.structure + 1 : state.structure };
}
