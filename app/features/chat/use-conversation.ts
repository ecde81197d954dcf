/**
 * One hook over the conversation WebSocket: connects, reconnects with backoff and jitter, keeps a
 * heartbeat, resumes a reply from the last delta it saw, sends what was typed while offline once
 * the socket is back, and pages in older history on demand.
 */
import { useCallback, useEffect, useMemo, useReducer, useRef } from "react";
import type { ClientMessage, ServerMessage, StoredMessage } from "../../../worker/shared/protocol";
import { branchIds, buildTree, topIds } from "./branches";
import { initialState, reducer, type Pending, type State } from "./conversation-state";

export type { Connection, Pending, UiMessage } from "./conversation-state";

const HEARTBEAT_MS = 25_000;
const MAX_BACKOFF_MS = 15_000;
const PAGE = 200;
/** The first page is small: enough to fill the screen, so the page arrives and paints sooner. */
export const FIRST_PAGE = 60;

export function useConversation(conversationId: string, initial: StoredMessage[]) {
  const [state, dispatch] = useReducer(reducer, undefined, () => initialState(initial, initial.length >= FIRST_PAGE));
  const socket = useRef<WebSocket | null>(null);
  /** The last seq applied per streaming reply, kept in step with each frame (state lags a render). */
  const seqs = useRef(new Map<string, number>());
  /** Older-history paging, in step with each page (state lags a render): what is left, and from where. */
  const paging = useRef<{ more: boolean; oldest: string | null; inFlight: Promise<StoredMessage[] | null> | null }>({
    more: initial.length >= FIRST_PAGE,
    oldest: oldestOf(initial)?.id ?? null,
    inFlight: null,
  });
  /** Counts reveal requests, so a newer one ends an older one's paging. */
  const revealing = useRef(0);
  const stateRef = useRef(state);
  useEffect(() => {
    stateRef.current = state;
  });

  const transmit = useCallback((ws: WebSocket, pending: Pending) => {
    const message: ClientMessage = { type: "send", content: pending.content, clientId: pending.clientId };
    ws.send(JSON.stringify(pending.parentId ? { ...message, parentId: pending.parentId } : message));
  }, []);

  useEffect(() => {
    let attempt = 0;
    let stopped = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    let heartbeat: ReturnType<typeof setInterval> | undefined;

    let connectedBefore = false;
    /** What the room stored while the socket was down, then the live rest of any reply. */
    const catchUp = async (ws: WebSocket, streaming: { messageId: string } | null) => {
      // Also on a first connect, when a reply the page holds as streaming is no longer: it ended
      // between the page's load and the socket's opening, and no event for it will come.
      const ended = [...stateRef.current.messages.values()].some((m) => m.status === "streaming" && m.id !== streaming?.messageId);
      if (connectedBefore || ended) {
        const res = await fetch(`/api/conversations/${conversationId}/messages?limit=${PAGE}`).catch(() => null);
        if (res?.ok) dispatch({ type: "merge", messages: ((await res.json()) as { messages: StoredMessage[] }).messages });
      }
      connectedBefore = true;
      if (streaming && ws.readyState === WebSocket.OPEN) {
        const seq = seqs.current.get(streaming.messageId) ?? stateRef.current.messages.get(streaming.messageId)?.seq ?? 0;
        seqs.current.set(streaming.messageId, Math.min(seq, Number.MAX_SAFE_INTEGER));
        ws.send(JSON.stringify({ type: "resume", messageId: streaming.messageId, seq }));
      }
    };

    const connect = () => {
      dispatch({ type: "connection", connection: attempt === 0 ? "connecting" : "resuming" });
      const scheme = location.protocol === "https:" ? "wss" : "ws";
      const ws = new WebSocket(`${scheme}://${location.host}/api/conversations/${conversationId}/ws`);
      socket.current = ws;
      ws.onopen = () => {
        attempt = 0;
        heartbeat = setInterval(() => ws.readyState === WebSocket.OPEN && ws.send('{"type":"ping"}'), HEARTBEAT_MS);
      };
      ws.onmessage = (event) => {
        const message = JSON.parse(String(event.data)) as ServerMessage;
        const current = stateRef.current;
        if (message.type === "state") {
          dispatch({ type: "connection", connection: "live" });
          void catchUp(ws, message.streaming);
          // What was typed while offline goes out now, in order.
          const queued = current.pending.filter((p) => p.state === "queued");
          for (const p of queued) transmit(ws, p);
          if (queued.length > 0) dispatch({ type: "sent", clientIds: queued.map((p) => p.clientId) });
          return;
        }
        if (message.type === "message" && message.message.status === "streaming" && !seqs.current.has(message.message.id)) {
          seqs.current.set(message.message.id, 0);
        }
        if (message.type === "token") {
          const last = seqs.current.get(message.messageId);
          if (last !== undefined && message.seq === last + 1) seqs.current.set(message.messageId, message.seq);
          else if (last !== undefined && message.seq > last + 1) ws.send(JSON.stringify({ type: "resume", messageId: message.messageId, seq: last }));
        }
        if (message.type === "done") seqs.current.delete(message.messageId);
        dispatch({ type: "server", message });
      };
      ws.onclose = (event) => {
        clearInterval(heartbeat);
        if (stopped) return;
        if (event.code === 4004) {
          dispatch({ type: "notice", notice: "This conversation was deleted." });
          return;
        }
        if (event.code === 4003) {
          dispatch({ type: "notice", notice: "You have been signed out. Reload the page to sign in again." });
          return;
        }
        dispatch({ type: "connection", connection: "offline" });
        if (!navigator.onLine) return; // the "online" event reconnects
        // Exponential backoff with full jitter, capped.
        const delay = Math.random() * Math.min(MAX_BACKOFF_MS, 500 * 2 ** attempt);
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
    const sleep = () => socket.current?.close(4000, "offline");
    window.addEventListener("online", wake);
    window.addEventListener("offline", sleep);
    return () => {
      stopped = true;
      clearTimeout(retryTimer);
      clearInterval(heartbeat);
      window.removeEventListener("online", wake);
      window.removeEventListener("offline", sleep);
      socket.current?.close(1000, "leaving");
    };
  }, [conversationId, transmit]);

  /** Sends a control message; false (with a notice) when there is no live socket. */
  const command = useCallback((message: ClientMessage) => {
    const ws = socket.current;
    if (ws?.readyState !== WebSocket.OPEN) {
      dispatch({ type: "notice", notice: "Not connected. Try again once the connection is back." });
      return false;
    }
    dispatch({ type: "notice", notice: null });
    ws.send(JSON.stringify(message));
    if (message.type === "edit" || message.type === "regenerate") dispatch({ type: "acted" });
    return true;
  }, []);

  /** Shows the message at once; sends it now if live, else when the socket comes back. */
  const send = useCallback(
    (content: string, parentId: string | null) => {
      const pending: Pending = { clientId: crypto.randomUUID(), content, parentId, state: "queued" };
      dispatch({ type: "queue", pending });
      const ws = socket.current;
      if (ws?.readyState === WebSocket.OPEN && stateRef.current.connection === "live") {
        transmit(ws, pending);
        dispatch({ type: "sent", clientIds: [pending.clientId] });
      }
    },
    [transmit],
  );

  const discard = useCallback((clientId: string) => dispatch({ type: "discard", clientId }), []);
  const choose = useCallback((parentKey: string, childId: string) => dispatch({ type: "choose", parentKey, childId }), []);

  /** Loads the page before the oldest message we have; resolves to it, or null (none left, or failed). */
  const loadOlder = useCallback((): Promise<StoredMessage[] | null> => {
    const p = paging.current;
    if (p.inFlight) return p.inFlight;
    if (!p.more || !p.oldest) return Promise.resolve(null);
    dispatch({ type: "older", older: "loading" });
    const load = async () => {
      try {
        const res = await fetch(`/api/conversations/${conversationId}/messages?limit=${PAGE}&before=${encodeURIComponent(p.oldest!)}`);
        if (!res.ok) throw new Error(String(res.status));
        const page = ((await res.json()) as { messages: StoredMessage[] }).messages;
        p.more = page.length >= PAGE;
        p.oldest = oldestOf(page)?.id ?? p.oldest;
        dispatch({ type: "older", older: p.more ? "more" : "none", messages: page });
        return page;
      } catch {
        dispatch({ type: "older", older: "failed" });
        return null;
      } finally {
        p.inFlight = null;
      }
    };
    p.inFlight = load();
    return p.inFlight;
  }, [conversationId]);

  /** Pages older history in until `id` is loaded, then shows its branch (a link to one message). */
  const reveal = useCallback(
    async (id: string) => {
      const attempt = ++revealing.current;
      let found = stateRef.current.messages.has(id);
      while (!found) {
        const page = await loadOlder();
        if (attempt !== revealing.current) return;
        if (!page) break;
        found = page.some((m) => m.id === id);
      }
      dispatch(found ? { type: "reveal", messageId: id } : { type: "notice", notice: "The message you opened is not in this conversation any more." });
    },
    [loadOlder],
  );

  const view = useBranchView(state);
  return { ...state, ...view, send, command, discard, choose, loadOlder, reveal };
}

function oldestOf<T extends { createdAt: string }>(messages: T[]): T | undefined {
  return messages.reduce<T | undefined>((a, m) => (!a || m.createdAt < a.createdAt ? m : a), undefined);
}

/**
 * The branch on screen, rebuilt only when messages are added or a branch is chosen: keyed on
 * `structure`, not `messages`, which changes with every token.
 */
function useBranchView(state: State) {
  const { messages, choices, structure } = state;
  const tree = useMemo(() => buildTree(messages.values()), [structure]);
  const ids = useMemo(() => branchIds(tree, choices, topIds(messages, tree)), [tree, choices]);
  return { tree, branch: ids };
}
