/** Seeding conversations through the import API and searching them the way a client would. */
import { expect } from "vitest";
import type { SearchResults as Answer } from "../../../worker/shared/search";
import { call, register } from "../helpers";

export type Auth = Record<string, string>;
type Seed = { role: "user" | "assistant"; content: string };

export async function signUp() {
  const { body } = await register();
  return { userId: body.user.id, auth: { authorization: `Bearer ${body.token}` } as Auth };
}

/** A conversation titled `title` holding `messages`; returns its id and the stored message ids in order. */
export async function seedConversation(auth: Auth, title: string, messages: Seed[]) {
  const created = await call("/api/conversations", { method: "POST", json: { title, model: "llama3.2:3b" }, headers: auth });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  const imported = await call(`/api/conversations/${id}/import`, { method: "POST", json: { messages }, headers: auth });
  expect(imported.status).toBe(201);
  const page = await call(`/api/conversations/${id}/messages?limit=100`, { headers: auth });
  const { messages: stored } = (await page.json()) as { messages: { id: string; content: string }[] };
  return { conversationId: id, messageIds: stored.reverse().map((m) => m.id) };
}

export async function search(auth: Auth, params: Record<string, string>) {
  return call(`/api/search?${new URLSearchParams(params)}`, { headers: auth });
}

export async function searchOk(auth: Auth, params: Record<string, string>): Promise<Answer> {
  const res = await search(auth, params);
  expect(res.status).toBe(200);
  return (await res.json()) as Answer;
}

/** Polls a search until `until` holds (indexing runs in the rooms' alarms, just after the write). */
export async function eventually(auth: Auth, params: Record<string, string>, until: (answer: Answer) => boolean, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await searchOk(auth, params);
    if (until(answer)) return answer;
    if (Date.now() > deadline) throw new Error(`search ${JSON.stringify(params)} never matched; last answer ${JSON.stringify(answer).slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export const has = (id: string) => (answer: Answer) => answer.hits.some((h) => h.messageId === id);

/** A unit vector of `dims` dimensions along axis `hot`: vectors whose nearest neighbours are obvious. */
export function unitVector(dims: number, hot: number) {
  const v = new Float32Array(dims);
  v[hot % dims] = 1;
  return v;
}
