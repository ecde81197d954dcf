/**
 * One open conversation on the client: streamed text, confirmations of what was sent, refusals,
 * other tabs' regenerations and older pages of history.
 */
import { describe, expect, it } from "vitest";
import { initialState, reducer, type Action, type Pending, type State } from "../../app/features/chat/conversation-state";
import { branchIds, buildTree, topIds } from "../../app/features/chat/branches";
import type { ServerMessage, StoredMessage } from "../../worker/shared/protocol";

let clock = 0;
function stored(id: string, parentId: string | null, more: Partial<StoredMessage> = {}): StoredMessage {
  clock += 1;
  return {
    id,
    parentId,
    role: "assistant",
    content: "",
    model: "m",
    status: "complete",
    finishReason: "stop",
    usage: null,
    clientId: null,
    createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, clock)).toISOString(),
    ...more,
  };
}

const question = stored("u1", null, { role: "user", content: "Hi?", model: null, finishReason: null });
const streaming = stored("a1", "u1", { status: "streaming", finishReason: null });

function run(state: State, ...actions: Action[]) {
  return actions.reduce(reducer, state);
}
const server = (message: ServerMessage): Action => ({ type: "server", message });
const token = (seq: number, delta: string): Action => server({ type: "token", messageId: "a1", seq, delta });
const pending = (clientId: string, state: Pending["state"]): Pending => ({ clientId, content: clientId, parentId: "a1", state });

describe("streamed text", () => {
  it("tokens apply in order only: a repeated or skipped token leaves the text exact", () => {
    const state = run(initialState([question, streaming], false), token(1, "Hel"), token(1, "Hel"), token(3, "!"), token(2, "lo"));
    expect(state.messages.get("a1")).toMatchObject({ content: "Hello", seq: 2 });
    // After resume replays the gap, the skipped token applies.
    expect(run(state, token(3, "!")).messages.get("a1")?.content).toBe("Hello!");
  });

  it("a token for a finished message is ignored", () => {
    const state = run(initialState([question, stored("a1", "u1", { content: "Done." })], false), token(1, "again"));
    expect(state.messages.get("a1")?.content).toBe("Done.");
  });

  it("the end of a reply marks it complete with its usage and announces its text", () => {
    const usage = { promptTokens: 3, completionTokens: 2 };
    const state = run(initialState([question, streaming], false), token(1, "Hello"), server({ type: "done", messageId: "a1", usage, finishReason: "stop" }));
    expect(state.messages.get("a1")).toMatchObject({ status: "complete", usage, finishReason: "stop", content: "Hello" });
    expect(state.finished).toEqual({ id: "a1", text: "Hello" });
    expect(run(state, token(2, " again")).messages.get("a1")?.content).toBe("Hello");
  });

  it("a token does not rebuild the tree; a new message does", () => {
    const start = initialState([question, streaming], false);
    expect(run(start, token(1, "a"), token(2, "b")).structure).toBe(start.structure);
    expect(run(start, server({ type: "message", message: stored("u2", "a1") })).structure).toBe(start.structure + 1);
  });
});

describe("sending", () => {
  it("the server's copy of a sent message replaces the pending one", () => {
    const state = run(
      initialState([question, stored("a1", "u1")], false),
      { type: "queue", pending: pending("c1", "queued") },
      { type: "queue", pending: pending("c2", "queued") },
      { type: "sent", clientIds: ["c1", "c2"] },
      server({ type: "message", message: stored("u2", "a1", { role: "user", clientId: "c1" }), clientId: "c1" }),
    );
    expect(state.pending.map((p) => p.clientId)).toEqual(["c2"]);
    expect(state.messages.has("u2")).toBe(true);
  });

  it("a new reply shows its own branch, even when the regenerate came from another tab", () => {
    const chosen = run(initialState([question, stored("a1", "u1")], false), { type: "choose", parentKey: "u1", childId: "a1" });
    const state = run(chosen, server({ type: "message", message: stored("a2", "u1", { status: "streaming" }) }));
    expect(state.choices.get("u1")).toBe("a2");
  });

  it("an edit of the first message shows its own branch at the top", () => {
    const state = run(initialState([question], false), server({ type: "message", message: stored("u1-edit", null, { role: "user" }) }));
    expect(state.choices.get("")).toBe("u1-edit");
  });

  it("a repeated copy of a known message keeps the person's choice", () => {
    const older = stored("a0", "u1");
    const chosen = run(initialState([question, older, stored("a1", "u1")], false), { type: "choose", parentKey: "u1", childId: "a0" });
    expect(run(chosen, server({ type: "message", message: stored("a1", "u1") })).choices.get("u1")).toBe("a0");
  });
});

describe("errors", () => {
  it("an error about a message is shown on that message", () => {
    const state = run(initialState([question, streaming], false), server({ type: "error", messageId: "a1", code: "provider_error", message: "Host down" }));
    expect(state.messages.get("a1")?.error).toBe("Host down");
    expect(state.notice).toBeNull();
  });

  it("a refused send is shown on the oldest sent message still waiting, not on a queued one", () => {
    const state = run(
      initialState([question, stored("a1", "u1")], false),
      { type: "queue", pending: pending("c1", "queued") },
      { type: "sent", clientIds: ["c1"] },
      { type: "queue", pending: pending("c2", "queued") },
      { type: "queue", pending: pending("c3", "queued") },
      { type: "sent", clientIds: ["c3"] },
      server({ type: "error", code: "busy", message: "Busy" }),
      server({ type: "error", code: "busy", message: "Still busy" }),
    );
    expect(state.pending.map((p) => [p.clientId, p.error])).toEqual([
      ["c1", "Busy"],
      ["c2", undefined],
      ["c3", "Still busy"],
    ]);
    expect(state.notice).toBeNull();
  });

  it("an error with nothing waiting becomes the notice", () => {
    const state = run(initialState([question], false), server({ type: "error", code: "bad_message", message: "Bad message" }));
    expect(state.notice).toBe("Bad message");
  });
});

describe("older history", () => {
  it("an older page merges without duplicating messages and rebuilds the tree", () => {
    const a1 = stored("a1", "u1", { content: "Newer copy" });
    const start = initialState([a1], true);
    expect(start.older).toBe("more");
    const state = run(start, { type: "older", older: "none", messages: [question, stored("a1", "u1", { content: "Older copy" })] });
    expect([...state.messages.keys()].sort()).toEqual(["a1", "u1"]);
    expect(state.messages.get("a1")?.content).toBe("Newer copy");
    expect(state.older).toBe("none");
    expect(state.structure).toBe(start.structure + 1);
  });

  it("a failed load keeps the messages and says so", () => {
    const start = initialState([question], true);
    const state = run(start, { type: "older", older: "failed" });
    expect(state.older).toBe("failed");
    expect(state.messages).toBe(start.messages);
  });
});

describe("following the person's own actions", () => {
  it("a send, an edit or a regenerate moves the view to the end; replies from elsewhere do not", () => {
    const start = initialState([question], false);
    const afterServer = run(start, server({ type: "message", message: streaming }), token(1, "Hello"));
    expect(afterServer.sent).toBe(0);
    const afterSend = run(afterServer, { type: "queue", pending: pending("c1", "queued") }, { type: "acted" });
    expect(afterSend.sent).toBe(2);
  });
});

describe("catching up after a reconnect", () => {
  it("adds what was stored meanwhile, finishes replies that ended, and clears sends the room kept", () => {
    const sentWhileAway: Pending = { clientId: "c9", content: "More?", parentId: "a1", state: "sent" };
    const before = run(initialState([question, streaming], false), { type: "queue", pending: sentWhileAway });
    const finished = { ...streaming, status: "complete" as const, content: "Hello", finishReason: "stop" as const };
    const user2 = stored("u2", "a1", { role: "user", content: "More?", clientId: "c9", model: null, finishReason: null });
    const reply2 = stored("a2", "u2", { content: "Yes." });
    const after = run(before, { type: "merge", messages: [reply2, user2, finished, question] });
    expect(after.messages.get("a1")).toMatchObject({ status: "complete", content: "Hello" });
    expect(after.messages.get("a2")?.content).toBe("Yes.");
    expect(after.pending).toEqual([]);
    expect(after.structure).toBeGreaterThan(before.structure);
  });
});

describe("a message opened by link", () => {
  // r1 -> q1 -> {old (older edit) -> oldReply, new -> newReply}
  const r1 = stored("r1", null, { role: "user" });
  const q1 = stored("q1", "r1");
  const old = stored("old", "q1", { role: "user" });
  const oldReply = stored("oldReply", "old");
  const fresh = stored("new", "q1", { role: "user" });
  const freshReply = stored("newReply", "new");
  const branchOf = (state: State) => {
    const tree = buildTree(state.messages.values());
    return branchIds(tree, state.choices, topIds(state.messages, tree));
  };

  it("shows its branch, and keeps showing it as older history loads above", () => {
    const start = initialState([old, oldReply, fresh, freshReply], true);
    expect(branchOf(start)).toEqual(["new", "newReply"]);
    const opened = run(start, { type: "reveal", messageId: "oldReply" });
    expect(opened.revealed).toEqual({ id: "oldReply" });
    expect(branchOf(opened)).toEqual(["old", "oldReply"]);
    const loaded = run(opened, { type: "older", older: "none", messages: [r1, q1] });
    expect(branchOf(loaded)).toEqual(["r1", "q1", "old", "oldReply"]);
  });

  it("a message not loaded changes nothing; the person's own choice ends the reveal", () => {
    const start = initialState([r1, q1, old, oldReply, fresh, freshReply], false);
    expect(run(start, { type: "reveal", messageId: "missing" })).toBe(start);
    const chosen = run(start, { type: "reveal", messageId: "oldReply" }, { type: "choose", parentKey: "q1", childId: "new" });
    expect(chosen.revealed).toBeNull();
    expect(branchOf(chosen)).toEqual(["r1", "q1", "new", "newReply"]);
  });
});
