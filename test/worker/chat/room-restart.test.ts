/** A room restarted mid-reply (eviction, deploy) ends that reply as failed, keeping what was streamed. */
import { env, runInDurableObject } from "cloudflare:test";
import { expect, it } from "vitest";
import type { Env } from "../../../worker/env";
import { abandonStreaming, appendDeltas, getMessage, insertMessage } from "../../../worker/chat/room-store";

it("a reply left streaming by an earlier instance keeps its text and becomes a failed reply", async () => {
  const rooms = (env as unknown as Env).ROOMS;
  const stub = rooms.get(rooms.idFromName(`restart-${crypto.randomUUID()}`));
  const message = await runInDurableObject(stub, async (_room, state) => {
    const sql = state.storage.sql;
    const reply = insertMessage(sql, {
      id: "cut-off",
      parentId: null,
      role: "assistant",
      content: "",
      model: "llama3.2:3b",
      status: "streaming",
      finishReason: null,
      usage: null,
      clientId: null,
    });
    appendDeltas(sql, reply.id, [
      { seq: 1, text: "Half" },
      { seq: 2, text: " an" },
      { seq: 3, text: " answer" },
    ]);
    abandonStreaming(sql);
    return getMessage(sql, reply.id);
  });
  expect(message).toMatchObject({ status: "complete", finishReason: "error", content: "Half an answer" });
});
