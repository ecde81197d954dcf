import type { WebSocketRoute } from "@playwright/test";
import { ask, expect, lastReply, numbers, SHOTS, signUpAndStartChat, test } from "./helpers";

test("a streamed answer appears token by token and completes", async ({ page }) => {
  await signUpAndStartChat(page, "Streamer");
  await ask(page, "slow count 40");
  await expect(page.locator(".message-user").last()).toContainText("slow count 40");
  // Part of the answer is on screen before the whole of it.
  await expect(lastReply(page)).toContainText("1 2 3");
  expect(await lastReply(page).textContent()).not.toContain("40");
  await expect(lastReply(page)).toHaveText(numbers(40));
  await expect(page.locator(".message-assistant .message-meta").last()).toContainText("40 tokens");
  await page.screenshot({ path: `${SHOTS}/chat.png`, fullPage: true });
  // The conversation got its automatic title, in the header and the sidebar, without a reload.
  await expect(page.getByRole("heading", { name: "slow count 40" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "slow count 40" })).toBeVisible();
});

test("stop mid-stream keeps the partial answer", async ({ page }) => {
  await signUpAndStartChat(page, "Stopper");
  await ask(page, "slow count 400");
  await expect(lastReply(page)).toContainText("1 2 3 4 5");
  await page.getByRole("button", { name: "Stop" }).click();
  await expect(page.locator(".message-assistant .message-meta").last()).toContainText("Stopped");
  const partial = await lastReply(page).textContent();
  expect(partial).toMatch(/^1 2 3 4 5/);
  expect(partial).not.toContain("400");
  await page.reload();
  await expect(lastReply(page)).toHaveText(partial!);
});

test("reloading mid-stream resumes the same answer with nothing doubled", async ({ page }) => {
  await signUpAndStartChat(page, "Reloader");
  await ask(page, "slow count 80");
  await expect(lastReply(page)).toContainText("1 2 3 4 5 6");
  await page.reload();
  await expect(lastReply(page)).toHaveText(numbers(80), { timeout: 15_000 });
});

test("a reply that ends between the page's load and its socket opening shows in full", async ({ page }) => {
  await signUpAndStartChat(page, "Latecomer");
  const conversationId = new URL(page.url()).pathname.split("/").at(-1)!;
  await ask(page, "slow count 20");
  await expect(lastReply(page)).toContainText("1 2 3");
  // The reloaded page's socket is held back until the room has finished the reply.
  let release = () => {};
  const finished = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/api\/conversations\/[^/]+\/ws$/, async (ws) => {
    await finished;
    ws.connectToServer();
  });
  await page.reload();
  await expect(page.locator(".message-assistant").last()).toBeVisible();
  await expect
    .poll(async () => {
      const res = await page.request.get(`/api/conversations/${conversationId}/messages?limit=10`);
      const { messages } = (await res.json()) as { messages: { role: string; status: string }[] };
      return messages.find((m) => m.role === "assistant")?.status;
    }, { timeout: 15_000 })
    .toBe("complete");
  release();
  await expect(lastReply(page)).toHaveText(numbers(20));
});

test("a second tab shows the same stream live", async ({ page, context }) => {
  await signUpAndStartChat(page, "Twotabs");
  const other = await context.newPage();
  await other.goto(page.url());
  await expect(other.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await ask(page, "slow count 30");
  await expect(lastReply(other)).toContainText("1 2 3");
  await expect(lastReply(other)).toHaveText(numbers(30));
  await expect(lastReply(page)).toHaveText(numbers(30));
});

test("a host failing mid-answer keeps the partial text and offers a retry", async ({ page }) => {
  await signUpAndStartChat(page, "Failer");
  await ask(page, "fail after 3");
  await expect(page.locator(".message-assistant .message-meta").last()).toContainText("Failed");
  await expect(lastReply(page)).toHaveText("1 2 3");
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
});

test.describe("offline", () => {
  test.use({ allowConsoleErrors: [/WebSocket connection to .* failed/] });

test("losing the connection shows offline; what is typed meanwhile is sent once it is back", async ({ page, context }) => {
  // Every conversation socket goes through a route the test can cut, like a dropped network.
  const sockets: WebSocketRoute[] = [];
  await page.routeWebSocket(/\/api\/conversations\/[^/]+\/ws$/, (ws) => {
    ws.connectToServer();
    sockets.push(ws);
  });
  await signUpAndStartChat(page, "Offline");
  await context.setOffline(true);
  await sockets.at(-1)!.close({ code: 4000, reason: "network lost" });
  await expect(page.getByRole("status").filter({ hasText: "Offline" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/chat-offline.png` });
  await ask(page, "count 5");
  await expect(page.locator('.message[data-status="pending"]')).toContainText("Waiting for the connection");
  await context.setOffline(false);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  expect(sockets.length).toBeGreaterThanOrEqual(2);
  await expect(lastReply(page)).toHaveText(numbers(5));
  await expect(page.locator(".message-user")).toHaveCount(1);
  await expect(page.locator('.message[data-status="pending"]')).toHaveCount(0);
});
});
