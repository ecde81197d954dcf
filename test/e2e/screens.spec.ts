import type { Page } from "@playwright/test";
import { expect, SHOTS, seedConversation, signUp, test } from "./helpers";

const REPLY = [
  "Here is a **summary** with a table, code and math.",
  "",
  "| Host | Model | Tokens/s |",
  "|---|---|---:|",
  "| gpu-1 | llama3.2:3b | 84 |",
  "| gpu-2 | qwen2.5:7b | 51 |",
  "",
  "```ts",
  "export function greet(name: string) {",
  "  return `Hello, ${name}`;",
  "}",
  "```",
  "",
  "The area of a circle is $A = \\pi r^2$.",
].join("\n");

const SIZES = [
  { name: "desktop", viewport: { width: 1280, height: 800 } },
  { name: "360", viewport: { width: 360, height: 760 } },
] as const;

for (const size of SIZES) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screens at ${size.name} in ${scheme}`, async ({ page }) => {
      await page.setViewportSize(size.viewport);
      await page.emulateMedia({ colorScheme: scheme });
      const shot = (screen: string) => page.screenshot({ path: `${SHOTS}/${screen}-${size.name}-${scheme}.png` });
      await page.goto("/login");
      await shot("login");
      await signUp(page, `Shots${size.name}${scheme}`);
      await shot("home");
      const id = await seedConversation(page, "Cluster report", [
        { role: "user", content: "How are the GPU hosts doing?" },
        { role: "assistant", content: REPLY },
      ]);
      await page.goto(`/c/${id}`);
      await expect(page.locator(".message-assistant table")).toBeVisible();
      await expect(page.locator(".message-assistant math")).toBeVisible();
      await expect(page.locator(".message-assistant .hljs-keyword").first()).toBeVisible();
      await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
      await noHorizontalScroll(page);
      await shot("chat");
      if (size.name === "360") {
        await page.getByRole("button", { name: "Conversations" }).click();
        await expect(page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Cluster report" })).toBeVisible();
        await shot("sidebar-drawer");
        await page.getByRole("navigation", { name: "Conversations" }).getByRole("link", { name: "Cluster report" }).click();
        await expect(page.getByRole("navigation", { name: "Conversations" })).toBeHidden();
      }
    });
  }
}

test("the theme switch wins over the system and survives a reload, with no flash", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await signUp(page, "Themer");
  await page.getByLabel(/Account menu/).click();
  await page.getByRole("button", { name: "Dark" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  // The server renders the choice into the first HTML (once the switch's request set the cookie:
  // the page shows the choice before that request ends).
  await expect.poll(async () => (await page.request.get("/")).text()).toContain('data-theme="dark"');
  await page.reload();
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).toBe(dark);
  await page.getByLabel(/Account menu/).click();
  await page.getByRole("button", { name: "System" }).click();
  await expect(page.locator("html")).not.toHaveAttribute("data-theme");
  expect(await page.evaluate(() => getComputedStyle(document.body).backgroundColor)).not.toBe(dark);
});

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
}
