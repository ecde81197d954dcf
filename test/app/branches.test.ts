/**
 * Which messages the chat shows: the newest branch by default, the person's ‹ i/n › choices
 * where they made them, and a sensible top when older history is not loaded yet.
 */
import { describe, expect, it } from "vitest";
import { ROOT, branchIds, buildTree, choicesToShow, siblingsOf, topIds } from "../../app/features/chat/branches";

type Node = { id: string; parentId: string | null; createdAt: string };

/** Messages in the order given, each one second after the one before (the room's createdAt order). */
function chat(...pairs: [id: string, parentId: string | null][]): Node[] {
  return pairs.map(([id, parentId], i) => ({ id, parentId, createdAt: new Date(Date.UTC(2025, 0, 1, 12, 0, i)).toISOString() }));
}

function shown(messages: Node[], choices: Record<string, string> = {}) {
  const tree = buildTree(messages);
  const byId = new Map(messages.map((m) => [m.id, m]));
  return branchIds(tree, new Map(Object.entries(choices)), topIds(byId, tree));
}

describe("the branch on screen", () => {
  it("a linear chat shows every message, oldest first", () => {
    expect(shown(chat(["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"]))).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("the order of the messages given does not matter, only when they were written", () => {
    const messages = chat(["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"]);
    expect(shown([...messages].reverse())).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("a regenerated reply is shown, and the older version stays one click away", () => {
    const messages = chat(["u1", null], ["old", "u1"], ["new", "u1"]);
    expect(shown(messages)).toEqual(["u1", "new"]);
    const tree = buildTree(messages);
    expect(siblingsOf(tree, messages[2]!)).toEqual({ siblings: ["old", "new"], index: 1 });
    expect(siblingsOf(tree, messages[1]!)).toEqual({ siblings: ["old", "new"], index: 0 });
  });

  it("choosing the older reply shows it and the conversation that followed it, not the other branch's", () => {
    const messages = chat(["u1", null], ["old", "u1"], ["u2", "old"], ["a2", "u2"], ["new", "u1"], ["u3", "new"], ["a3", "u3"]);
    expect(shown(messages)).toEqual(["u1", "new", "u3", "a3"]);
    expect(shown(messages, { u1: "old" })).toEqual(["u1", "old", "u2", "a2"]);
  });

  it("a choice naming a message that is not a child there is ignored", () => {
    const messages = chat(["u1", null], ["old", "u1"], ["u2", "old"], ["new", "u1"]);
    expect(shown(messages)).toEqual(["u1", "new"]);
    expect(shown(messages, { u1: "u2" })).toEqual(["u1", "new"]);
    expect(shown(messages, { u1: "gone" })).toEqual(["u1", "new"]);
  });

  it("editing the first message makes a second version at the top, shown until the person goes back", () => {
    const messages = chat(["u1", null], ["a1", "u1"], ["u1-edit", null], ["a1-edit", "u1-edit"]);
    expect(shown(messages)).toEqual(["u1-edit", "a1-edit"]);
    expect(shown(messages, { [ROOT]: "u1" })).toEqual(["u1", "a1"]);
    expect(siblingsOf(buildTree(messages), messages[2]!)).toEqual({ siblings: ["u1", "u1-edit"], index: 1 });
  });

  it("editing a later message works the same way", () => {
    const messages = chat(["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"], ["u2-edit", "a1"], ["a2-edit", "u2-edit"]);
    expect(shown(messages)).toEqual(["u1", "a1", "u2-edit", "a2-edit"]);
    expect(shown(messages, { a1: "u2" })).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("with older history not loaded yet, the branch starts at the oldest loaded message", () => {
    // u1 and a1 are paged out; u2's parent is a1.
    const loaded = chat(["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"]).slice(2);
    const tree = buildTree(loaded);
    expect(topIds(new Map(loaded.map((m) => [m.id, m])), tree)).toEqual(["u2"]);
    expect(shown(loaded)).toEqual(["u2", "a2"]);
  });

  it("the newest reply anywhere decides the default branch, even deep under an older version", () => {
    // Regenerate (new), then go back to the first reply and carry on there: that conversation is the latest.
    const messages = chat(["u1", null], ["old", "u1"], ["new", "u1"], ["u2", "old"], ["a2", "u2"], ["u3", "a2"], ["a3", "u3"]);
    expect(shown(messages)).toEqual(["u1", "old", "u2", "a2", "u3", "a3"]);
  });

  // BUG (reported): chat-view stores the choice under the message's parentId; when that parent
  // is paged out, branchIds only consults choices[ROOT] at the top, so ‹ › there does nothing.
  it("choosing between versions whose parent is paged out shows the chosen one", () => {
    const loaded = chat(["u1", null], ["old", "u1"], ["new", "u1"]).slice(1);
    expect(shown(loaded)).toEqual(["new"]);
    expect(shown(loaded, { u1: "old" })).toEqual(["old"]);
  });
});

describe("opening one message (search, citations)", () => {
  const show = (messages: Node[], id: string) => {
    const tree = buildTree(messages);
    return shown(messages, Object.fromEntries(choicesToShow(tree, id)));
  };

  it("a message on an older branch brings its whole branch on screen, down to its newest end", () => {
    const messages = chat(["u1", null], ["old", "u1"], ["u2", "old"], ["a2", "u2"], ["new", "u1"], ["u3", "new"], ["a3", "u3"]);
    expect(shown(messages)).toEqual(["u1", "new", "u3", "a3"]);
    expect(show(messages, "u2")).toEqual(["u1", "old", "u2", "a2"]);
    expect(show(messages, "a3")).toEqual(["u1", "new", "u3", "a3"]);
  });

  it("an old version of the first message (an edit at the top)", () => {
    const messages = chat(["u1", null], ["a1", "u1"], ["u1-edit", null], ["a1-edit", "u1-edit"]);
    expect(show(messages, "a1")).toEqual(["u1", "a1"]);
  });

  it("forks at several levels: the child toward the message at each", () => {
    const messages = chat(["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"], ["a1b", "u1"], ["u2b", "a1"], ["a2b", "u2b"], ["a2c", "u2"]);
    expect(show(messages, "a2")).toEqual(["u1", "a1", "u2", "a2"]);
    expect(show(messages, "a2b")).toEqual(["u1", "a1", "u2b", "a2b"]);
    expect(show(messages, "a1b")).toEqual(["u1", "a1b"]);
  });

  it("with its ancestors paged out, its highest loaded ancestor is the top, and stays chosen once its parent loads", () => {
    const all = chat(["u1", null], ["a1", "u1"], ["u2", "a1"], ["a2", "u2"], ["u2-edit", "a1"], ["a2-edit", "u2-edit"]);
    const loaded = all.slice(2);
    const choices = choicesToShow(buildTree(loaded), "a2");
    expect(choices).toEqual([["u2", "a2"], ["a1", "u2"], [ROOT, "u2"]]);
    expect(shown(loaded, Object.fromEntries(choices))).toEqual(["u2", "a2"]);
    expect(shown(all, Object.fromEntries(choices))).toEqual(["u1", "a1", "u2", "a2"]);
  });

  it("a message that is not loaded asks for nothing", () => {
    expect(choicesToShow(buildTree(chat(["u1", null])), "elsewhere")).toEqual([]);
  });
});
