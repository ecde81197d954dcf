/** Shared steps for the end-to-end tests, and a check that no page logs a console error. */
import { expect, test as base, type Page } from "@playwright/test";

export const SHOTS = "test-results/screenshots";

export const numbers = (n: number) => Array.from({ length: n }, (_, i) => i + 1).join(" ");

/**
 * Every test fails on a console error or an uncaught exception, unless it names the messages it
 * expects (dropping the network on purpose logs failed socket connections, for instance).
 */
export const test = base.extend<{ allowConsoleErrors: RegExp[]; consoleErrors: string[] }>({
  allowConsoleErrors: [[], { option: true }],
  consoleErrors: [
    async ({ page, allowConsoleErrors }, use) => {
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(String(e)));
      await use(errors);
      expect(errors.filter((e) => !allowConsoleErrors.some((allowed) => allowed.test(e)))).toEqual([]);
    },
    { auto: true },
  ],
});
export { expect };

export async function signUp(page: Page, name: string) {
  await page.goto("/register");
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Email").fill(`${name.toLowerCase()}-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a streaming passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByLabel("Model")).toHaveValue("llama3.2:3b");
}

export async function signUpAndStartChat(page: Page, name: string) {
  await signUp(page, name);
  await page.getByRole("button", { name: "Start a new chat" }).click();
  await expect(page).toHaveURL(/\/c\/[\w-]+$/);
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
}

export async function ask(page: Page, text: string) {
  await page.getByLabel("Message").fill(text);
  await page.getByLabel("Message").press("Enter");
}

export const lastReply = (page: Page) => page.locator(".message-assistant .message-text").last();
export const lastMeta = (page: Page) => page.locator(".message-assistant .message-meta").last();

/** Creates a conversation holding `messages` through the import API, as the signed-in page. */
export async function seedConversation(page: Page, title: string, messages: { role: "user" | "assistant"; content: string }[]) {
  const origin = new URL(page.url()).origin;
  const headers = { origin };
  const created = await page.request.post("/api/conversations", { headers, data: { title, model: "llama3.2:3b" } });
  expect(created.status()).toBe(201);
  const { id } = (await created.json()) as { id: string };
  for (let i = 0; i < messages.length; i += 1000) {
    const res = await page.request.post(`/api/conversations/${id}/import`, { headers, data: { messages: messages.slice(i, i + 1000) } });
    expect(res.status()).toBe(201);
  }
  return id;
}
