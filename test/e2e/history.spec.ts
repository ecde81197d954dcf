import type { Page } from "@playwright/test";
import { DANGEROUS_SELECTOR, XSS_CORPUS } from "./fixtures/markdown-xss";
import { ask, expect, lastReply, SHOTS, seedConversation, signUp, test } from "./helpers";

const scroller = (page: Page) => page.getByRole("list", { name: "History" });

/** Everything in rendered replies that could run script or load from elsewhere. */
async function dangerousNodes(page: Page) {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const reply of document.querySelectorAll(".message-assistant .message-text")) {
      for (const el of reply.querySelectorAll(selector)) found.push(el.outerHTML.slice(0, 120));
      for (const el of reply.querySelectorAll("*"))
        for (const attr of el.attributes) if (/^on/i.test(attr.name)) found.push(`${el.tagName} ${attr.name}`);
    }
    return found;
  }, DANGEROUS_SELECTOR);
}

test.describe("hostile replies", () => {
  // Two payloads point at same-origin paths that do not exist: allowed images, answered 404.
  test.use({ allowConsoleErrors: [/status of 404/] });

test("a Markdown XSS corpus renders inert, stored and streamed live", async ({ page, browser }) => {
  await signUp(page, "Hostile");
  const id = await seedConversation(
    page,
    "XSS corpus",
    XSS_CORPUS.flatMap((payload, i) => [
      { role: "user" as const, content: `payload ${i}` },
      { role: "assistant" as const, content: payload },
    ]),
  );
  await page.goto(`/c/${id}`);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  // The list is virtual: walk it from the newest reply to the oldest so every reply renders.
  const seen = new Set<string>();
  for (let step = 0; step < 200 && seen.size < XSS_CORPUS.length; step++) {
    for (const label of await page.locator(".message-user .message-text").allTextContents()) seen.add(label);
    expect(await dangerousNodes(page)).toEqual([]);
    await scroller(page).evaluate((el) => el.scrollBy(0, -el.clientHeight / 2));
    await page.waitForTimeout(30);
  }
  expect(seen.size).toBe(XSS_CORPUS.length);

  // Streamed through a model live (the stub echoes the question), rendered on the client.
  for (const payload of XSS_CORPUS.filter((_, i) => i % 8 === 0)) {
    await ask(page, payload);
    await expect(page.locator(".message-assistant").last()).toHaveAttribute("data-status", "complete");
    expect(await dangerousNodes(page)).toEqual([]);
  }
  await page.waitForTimeout(300);
  expect(await page.evaluate(() => (window as { __xss?: unknown }).__xss)).toBeUndefined();

  // The server's HTML, with no script running at all, is as inert.
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: await page.context().storageState() });
  const bare = await noScript.newPage();
  await bare.goto(`/c/${id}`);
  await expect(bare.locator(".message-assistant").first()).toBeVisible();
  expect(await dangerousNodes(bare)).toEqual([]);
  await noScript.close();
});
});

test("a 5,000-message conversation opens at the newest message and scrolls with a bounded DOM", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Archivist");
  const messages = Array.from({ length: 5000 }, (_, i) => ({
    role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
    content: i % 2 === 0 ? `Question number ${i + 1}` : `Answer number ${i + 1}\n\n- a point\n- another point`,
  }));
  const id = await seedConversation(page, "Five thousand", messages);
  await page.goto(`/c/${id}`);
  await expect(page.getByText("Answer number 5000")).toBeInViewport();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  const bound = 80;
  expect(await page.locator(".message").count()).toBeLessThan(bound);
  await page.screenshot({ path: `${SHOTS}/chat-5000.png` });

  // Scrolling up pages older history in; the DOM stays small all the way to the first message.
  const first = page.getByText("Question number 1", { exact: true });
  for (let i = 0; i < 400 && !(await first.isVisible()); i++) {
    await scroller(page).evaluate((el) => el.scrollTo(0, 0));
    await page.waitForTimeout(50);
    expect(await page.locator(".message").count()).toBeLessThan(bound);
  }
  await expect(first).toBeInViewport();

  // A new exchange at the bottom brings the reader back to it.
  await page.getByRole("button", { name: "↓ Latest" }).click();
  await expect(page.getByText("Answer number 5000")).toBeInViewport();
  await ask(page, "count 3");
  await expect(lastReply(page)).toHaveText("1 2 3");
  await expect(lastReply(page)).toBeInViewport();
});

test("the sidebar: filter, rename inline, pin to the top, archive, delete after confirming", async ({ page }) => {
  await signUp(page, "Librarian");
  const alpha = await seedConversation(page, "Alpha notes", [{ role: "user", content: "hello" }]);
  await seedConversation(page, "Beta plans", [{ role: "user", content: "hello" }]);
  await seedConversation(page, "Gamma ideas", [{ role: "user", content: "hello" }]);
  await page.goto(`/c/${alpha}`);
  const sidebar = page.getByRole("navigation", { name: "Conversations" });
  const listed = sidebar.locator(".conversation-row a");
  await expect(sidebar.getByRole("region", { name: "Today" }).getByRole("link")).toHaveCount(3);

  await sidebar.getByLabel("Filter conversations").fill("gam");
  await expect(sidebar.getByRole("link", { name: "Gamma ideas" })).toBeVisible();
  await expect(sidebar.getByRole("link", { name: "Alpha notes" })).toBeHidden();
  await sidebar.getByLabel("Filter conversations").fill("");

  await sidebar.getByRole("button", { name: "Options for Beta plans" }).click();
  await sidebar.getByRole("button", { name: "Rename" }).click();
  await sidebar.getByLabel("Conversation title").fill("Beta roadmap");
  await sidebar.getByLabel("Conversation title").press("Enter");
  await expect(sidebar.getByRole("link", { name: "Beta roadmap" })).toBeVisible();

  await sidebar.getByRole("button", { name: "Options for Gamma ideas" }).click();
  await sidebar.getByRole("button", { name: "Pin" }).click();
  await expect(sidebar.getByRole("region", { name: "Pinned" }).getByRole("link")).toHaveText(["Gamma ideas"]);
  await page.screenshot({ path: `${SHOTS}/sidebar.png` });

  await sidebar.getByRole("button", { name: "Options for Beta roadmap" }).click();
  await sidebar.getByRole("button", { name: "Archive" }).click();
  await expect(sidebar.getByRole("link", { name: "Beta roadmap" })).toBeHidden();
  await sidebar.getByRole("link", { name: "Archived conversations" }).click();
  await expect(page.getByRole("main").getByRole("link", { name: "Beta roadmap" })).toBeVisible();
  await page.getByRole("button", { name: "Unarchive" }).click();
  await expect(sidebar.getByRole("link", { name: "Beta roadmap" })).toBeVisible();
  await expect(page.getByText("Nothing is archived")).toBeVisible();
  await page.goto(`/c/${alpha}`);

  // Deleting the open conversation asks first, then leaves it.
  await sidebar.getByRole("button", { name: "Options for Alpha notes" }).click();
  await sidebar.getByRole("button", { name: "Delete" }).click();
  await expect(sidebar.getByRole("alertdialog")).toContainText("cannot be undone");
  await sidebar.getByRole("button", { name: "Cancel" }).click();
  await expect(sidebar.getByRole("link", { name: "Alpha notes" })).toBeVisible();
  await sidebar.getByRole("button", { name: "Options for Alpha notes" }).click();
  await sidebar.getByRole("button", { name: "Delete" }).click();
  await sidebar.getByRole("alertdialog").getByRole("button", { name: "Delete" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(listed).toHaveText(["Gamma ideas", "Beta roadmap"]);

  await page.reload();
  await expect(listed).toHaveText(["Gamma ideas", "Beta roadmap"]);
  expect((await page.request.get(`/api/conversations/${alpha}`)).status()).toBe(404);
});
