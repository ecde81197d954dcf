import { ask, expect, lastMeta, lastReply, numbers, SHOTS, signUpAndStartChat, test } from "./helpers";

test("regenerate adds a version and ‹ › switches between them; a send continues the version on screen", async ({ page }) => {
  await signUpAndStartChat(page, "Brancher");
  await ask(page, "stamp");
  await expect(lastMeta(page)).toContainText("tokens");
  const first = await lastReply(page).textContent();

  await page.getByRole("button", { name: "Regenerate" }).click();
  await expect(lastMeta(page)).toContainText("2/2");
  await expect(lastMeta(page)).toContainText("tokens");
  const second = await lastReply(page).textContent();
  expect(second).not.toBe(first);

  await page.getByRole("button", { name: "Previous version" }).click();
  await expect(lastMeta(page)).toContainText("1/2");
  await expect(lastReply(page)).toHaveText(first!);
  await page.screenshot({ path: `${SHOTS}/chat-branches.png` });

  // Continuing from version 1 keeps version 1 above the new exchange.
  await ask(page, "count 3");
  await expect(lastReply(page)).toHaveText(numbers(3));
  await expect(page.locator(".message-assistant .message-text").first()).toHaveText(first!);

  // After a reload the newest branch (the one just continued) is still the one shown.
  await page.reload();
  await expect(lastReply(page)).toHaveText(numbers(3));
  await expect(page.locator(".message-assistant .message-text").first()).toHaveText(first!);
  await expect(page.locator(".message-assistant .message-meta").first()).toContainText("1/2");
  await page.getByRole("button", { name: "Next version" }).click();
  await expect(page.locator(".message-assistant .message-text").first()).toHaveText(second!);
  // Version 2 has no continuation: the count exchange belongs to version 1 only.
  await expect(page.locator(".message-user")).toHaveCount(1);
});

test("editing a message branches: the new question gets its own answer, the old one stays reachable", async ({ page }) => {
  await signUpAndStartChat(page, "Editor");
  await ask(page, "count 2");
  await expect(lastReply(page)).toHaveText(numbers(2));

  await page.locator(".message-user").getByRole("button", { name: "Edit" }).click();
  const field = page.getByLabel("Edit message");
  await expect(field).toBeFocused();
  await field.fill("count 4");
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(lastReply(page)).toHaveText(numbers(4));
  await expect(page.locator(".message-user")).toHaveText(/count 4/);
  await expect(page.locator(".message-user .message-meta")).toContainText("2/2");

  await page.locator(".message-user").getByRole("button", { name: "Previous version" }).click();
  await expect(page.locator(".message-user")).toHaveText(/count 2/);
  await expect(lastReply(page)).toHaveText(numbers(2));
});

test("keyboard: Esc stops a reply, Shift+Esc focuses the message field, Ctrl+Shift+O starts a new chat", async ({ page }) => {
  await signUpAndStartChat(page, "Keys");
  await ask(page, "slow count 400");
  await expect(lastReply(page)).toContainText("1 2 3");
  await page.keyboard.press("Escape");
  await expect(lastMeta(page)).toContainText("Stopped");

  await page.getByRole("heading", { level: 1 }).click();
  await page.keyboard.press("Shift+Escape");
  await expect(page.getByLabel("Message")).toBeFocused();

  await page.keyboard.press("Control+Shift+O");
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("button", { name: "Start a new chat" })).toBeVisible();
});

test("a finished reply is announced politely to screen readers", async ({ page }) => {
  await signUpAndStartChat(page, "Listener");
  await ask(page, "count 3");
  const region = page.locator('[aria-live="polite"][aria-atomic="true"]');
  await expect(region).toHaveText(`Reply finished: ${numbers(3)}`);
});

test("per-conversation settings: system prompt and temperature are saved and shown again", async ({ page }) => {
  await signUpAndStartChat(page, "Settler");
  await page.getByRole("button", { name: "Settings" }).click();
  await page.getByLabel("System prompt").fill("Answer like a pirate.");
  await page.getByLabel("Temperature").fill("0.3");
  await page.screenshot({ path: `${SHOTS}/chat-settings.png` });
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("form", { name: "Conversation settings" })).toBeHidden();
  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByLabel("System prompt")).toHaveValue("Answer like a pirate.");
  await expect(page.getByLabel("Temperature")).toHaveValue("0.3");

  // Out of range: the browser refuses it before anything is sent, and the panel stays open.
  await page.getByLabel("Temperature").fill("7");
  await page.getByRole("button", { name: "Save settings" }).click();
  expect(await page.getByLabel("Temperature").evaluate((input: HTMLInputElement) => input.validity.rangeOverflow)).toBe(true);
  await expect(page.getByRole("form", { name: "Conversation settings" })).toBeVisible();
});
