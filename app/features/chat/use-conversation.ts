/**
 * One hook over the conversation WebSocket: connects, reconnects with backoff and jitter,
 * resumes a reply from the last delta it saw, and keeps the messages. Deltas are applied only in
 * seq order, so nothing shows twice and a gap triggers a resume instead of garbled text.
 */
import { useCallback, useEffect, useReducer, useRef } from "react";
import type { ServerMessage, StoredMessage } from "../../../worker/shared/protocol";

export type Connection = "connecting" | "live" | "offline" | "resuming";
export type UiMessage = StoredMessage & { seq: number; error?: string };
type State = { connection: Connection; messages: Record<string, UiMessage>; notice: string | null };

type Action =
  | { type: "connection"; connection: Connection }
  | { type: "server"; message: ServerMessage }
  | { type: "notice"; notice: string | null };

function reducer(state: State, action: Action): State {
  if (action.type === "connection") return { ...state, connection: action.connection };
  if (action.type === "notice") return { ...state, notice: action.notice };
  const m = action.message;
  switch (m.type) {
    case "message": {
      const previous = state.messages[m.message.id];
      return { ...state, messages: { ...state.messages, [m.message.id]: { ...m.message, seq: previous?.seq ?? 0 } } };
    }
    case "token": {
      const target = state.messages[m.messageId];
      if (!target || m.seq !== target.seq + 1) return state; // duplicates and gaps are handled by resume
      return { ...state, messages: { ...state.messages, [m.messageId]: { ...target, content: target.content + m.delta, seq: m.seq } } };
    }
    case "done": {
      const target = state.messages[m.messageId];
      if (!target) return state;
      const message = { ...target, status: "complete" as const, finishReason: m.finishReason, usage: m.usage };
      return { ...state, connection: "live", messages: { ...state.messages, [m.messageId]: message } };
    }
    case "error": {
      const target = m.messageId ? state.messages[m.messageId] : undefined;
      if (!target) return { ...state, notice: m.message };
      return { ...state, messages: { ...state.messages, [target.id]: { ...target, error: m.message } } };
    }
    default:
      return state;
  }
}

export function useConversation(conversationId: string, initial: StoredMessage[]) {
  const [state, dispatch] = useReducer(reducer, initial, (messages): State => ({
    connection: "connecting",
    notice: null,
    messages: Object.fromEntries(messages.map((m) => [m.id, { ...m, seq: m.status === "streaming" ? 0 : Number.MAX_SAFE_INTEGER }])),
  }));
  const socket = useRef<WebSocket | null>(null);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => {
    let attempt = 0;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let heartbeat: ReturnType<typeof setInterval> | undefined;

    const connect = () => {
      dispatch({ type: "connection", connection: attempt === 0 ? "connecting" : "resuming" });
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}/api/conversations/${conversationId}/ws`);
      socket.current = ws;
      ws.onopen = () => {
        attempt = 0;
        heartbeat = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}'), 25_000);
      };
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as ServerMessage;
        if (message.type === "state") {
          dispatch({ type: "connection", connection: "live" });
          if (message.streaming) {
            const known = stateRef.current.messages[message.streaming.messageId];
            ws.send(JSON.stringify({ type: "resume", messageId: message.streaming.messageId, seq: known?.seq ?? 0 }));
          }
          return;
        }
        if (message.type === "token") {
          const known = stateRef.current.messages[message.messageId];
          if (known && message.seq > known.seq + 1) ws.send(JSON.stringify({ type: "resume", messageId: message.messageId, seq: known.seq }));
        }
        dispatch({ type: "server", message });
      };
      ws.onclose = () => {
        clearInterval(heartbeat);
        if (stopped) return;
        dispatch({ type: "connection", connection: "offline" });
        if (!navigator.onLine) return; // the "online" event reconnects
        // Exponential backoff with full jitter, capped at 15 s.
        const delay = Math.random() * Math.min(15_000, 500 * 2 ** attempt);
        attempt += 1;
        retryTimer = setTimeout(connect, delay);
      };
    };
    connect();
    const wake = () => {
      if (socket.current?.readyState === WebSocket.CLOSED) {
        clearTimeout(retryTimer);
        connect();
      }
    };
    window.addEventListener("online", wake);
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      window.removeEventListener("online", wake);
      socket.current?.close(1000, "leaving");
    };
  }, [conversationId]);

  const send = useCallback((message: object) => {
    const ws = socket.current;
    if (ws?.readyState !== WebSocket.OPEN) {
      dispatch({ type: "notice", notice: "Not connected; your message was not sent. It will work again once the connection is back." });
      return false;
    }
    dispatch({ type: "notice", notice: null });
    ws.send(JSON.stringify(message));
    return true;
  }, []);

  return { ...state, send };
}

/** The branch to show: the newest message and its ancestors, oldest first. */
export function activeBranch(messages: Record<string, UiMessage>): UiMessage[] {
  const all = Object.values(messages);
  let current = all.reduce<UiMessage | undefined>((newest, m) => (!newest || m.createdAt > newest.createdAt ? m : newest), undefined);
  const branch: UiMessage[] = [];
  while (current) {
    branch.unshift(current);
    current = current.parentId ? messages[current.parentId] : undefined;
  }
  return branch;
}
