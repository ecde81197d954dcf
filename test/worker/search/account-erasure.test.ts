/**
 * Deleting an account while OpenSearch holds the person's messages: the Worker runs with
 * OPENSEARCH_URL pointed at a fresh index on the stub (every other test searches embedded D1).
 */
import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../../worker/index";
import { call, errorOf, GOOD_PASSWORD, ORIGIN, register } from "../helpers";
import { doc, freshIndex, searchQuery as query, testEnv, vec } from "./opensearch-helpers";

function deleteAccountWith(index: string, token: string) {
  const bindings = { ...env, OPENSEARCH_URL: testEnv.OPENSEARCH_STUB_URL, OPENSEARCH_AUTH: testEnv.OPENSEARCH_STUB_AUTH, OPENSEARCH_INDEX: index, OPENSEARCH_PIPELINE: `${index}-hybrid` };
  const request = new Request(new URL("/api/account", ORIGIN), {
    method: "DELETE",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: JSON.stringify({ password: GOOD_PASSWORD }),
  });
  return worker.fetch(request, bindings, createExecutionContext());
}

describe("deleting an account with OpenSearch configured", () => {
  it("answers 503 with nothing deleted while the index is down, and erases their documents (only theirs) on the retry", async () => {
    await register(); // the first account is the administrator, who could not leave
    const { body } = await register();
    const me = { authorization: `Bearer ${body.token}` };
    const created = await call("/api/conversations", { method: "POST", json: { title: "Keep me", model: "llama3.2:3b" }, headers: me });
    expect(created.status).toBe(201);
    const index = await freshIndex();
    await index.adapter.upsert([doc("mine", "paris trip", vec(1, 0, 0, 0), { userId: body.user.id }), doc("theirs", "paris trip", vec(1, 0, 0, 0), { userId: "someone-else" })]);

    await index.faults({ throttle: { count: 4, status: 503, retryAfter: 0 } });
    const refused = await deleteAccountWith(index.name, body.token);
    expect(refused.status).toBe(503);
    expect((await errorOf(refused)).code).toBe("search_unavailable");
    expect((await call("/api/auth/me", { headers: me })).status).toBe(200);
    const listed = (await (await call("/api/conversations", { headers: me })).json()) as { items: unknown[] };
    expect(listed.items).toHaveLength(1);
    expect((await index.adapter.search(query({ userId: body.user.id }))).map((h) => h.messageId)).toEqual(["mine"]);

    expect((await deleteAccountWith(index.name, body.token)).status).toBe(204);
    expect((await call("/api/auth/me", { headers: me })).status).toBe(401);
    expect(await index.adapter.search(query({ userId: body.user.id }))).toEqual([]);
    expect((await index.adapter.search(query({ userId: "someone-else" }))).map((h) => h.messageId)).toEqual(["theirs"]);
  });
});
