import type { Browser, Page } from "@playwright/test";
import { ADMIN_STATE } from "./admin-account";
import { ask, expect, lastReply, SHOTS, signUp, signUpAndStartChat, test } from "./helpers";

async function adminPage(browser: Browser) {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  return context.newPage();
}

const background = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => getComputedStyle(el).backgroundColor);

test("an admin renames the app and changes its colour with a live preview; people see it on their next page", async ({ page, browser }) => {
  await signUp(page, "Reader");
  const admin = await adminPage(browser);
  await admin.goto("/admin/branding");
  await expect(admin.getByRole("heading", { name: "Branding" })).toBeVisible();

  // A first version that only changes the tagline, to come back to at the end.
  await admin.getByLabel("Tagline").fill("Research, privately");
  await admin.getByRole("button", { name: "Save branding" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved as version 1" })).toBeVisible();

  await admin.getByLabel("App name").fill("Acme Research");
  await admin.getByLabel("Primary colour", { exact: true }).fill("#d97706");
  // The preview follows every keystroke, before anything is saved.
  await expect(admin.getByTestId("preview-name")).toHaveText("Acme Research");
  expect(await background(admin, ".brand-preview .button.primary")).toBe("rgb(217, 119, 6)");
  await admin.screenshot({ path: `${SHOTS}/admin-branding.png`, fullPage: true });
  await admin.getByRole("button", { name: "Save branding" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved as version 2" })).toBeVisible();

  await page.reload();
  await expect(page.locator(".topbar .brand-name")).toHaveText("Acme Research");
  await expect(page).toHaveTitle(/Acme Research/);
  expect(await background(page, ".button.primary")).toBe("rgb(217, 119, 6)");

  // A bad colour is refused beside the field; nothing changes for anyone.
  await admin.getByLabel("Primary colour", { exact: true }).fill("orange");
  await admin.getByRole("button", { name: "Save branding" }).click();
  await expect(admin.locator(".field-error").filter({ hasText: "colour" })).toBeVisible();

  // Restoring the previous version puts the old brand back for everyone.
  await admin.reload();
  await admin.getByRole("listitem").filter({ hasText: /Version 1\b/ }).getByRole("button", { name: "Restore" }).click();
  await expect(admin.getByRole("listitem").filter({ hasText: "(current)" })).toContainText("Version 3");
  await page.reload();
  await expect(page.locator(".topbar .brand-name")).toHaveText("MARIE");
  await admin.context().close();
});

test("an admin disables a person, who is signed out at once, and enables them again", async ({ page, browser }) => {
  await signUp(page, "Suspended");
  const admin = await adminPage(browser);
  await admin.goto("/admin/users?q=suspended");
  const row = admin.getByRole("row").filter({ hasText: "Suspended" });
  await expect(row).toBeVisible();
  await admin.screenshot({ path: `${SHOTS}/admin-users.png`, fullPage: true });
  await row.getByRole("button", { name: "Disable Suspended" }).click();
  await expect(row.getByText("Disabled")).toBeVisible();

  await page.reload();
  await expect(page).toHaveURL(/\/login$/);

  await row.getByRole("button", { name: "Enable Suspended" }).click();
  await expect(row.getByText("Active")).toBeVisible();
  await admin.context().close();
});

test("an admin narrows the models people may use and sees each host's health", async ({ page, browser }) => {
  const admin = await adminPage(browser);
  await admin.goto("/admin/models");
  await expect(admin.getByRole("heading", { name: "Model hosts" })).toBeVisible();
  await expect(admin.locator(".host-down").first()).toContainText("127.0.0.1:9");
  await admin.getByLabel("Offer every model the hosts have").uncheck();
  await admin.getByLabel("Allow qwen2.5:7b").uncheck();
  await admin.getByLabel("Display name for llama3.2:3b").fill("Llama (fast)");
  await admin.screenshot({ path: `${SHOTS}/admin-models.png`, fullPage: true });
  await admin.getByRole("button", { name: "Save models" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();

  await signUp(page, "Chooser");
  const options = await page.getByLabel("Model").locator("option").allTextContents();
  expect(options.join("|")).toContain("Llama (fast)");
  expect(options.join("|")).not.toContain("qwen2.5:7b");

  await admin.getByLabel("Offer every model the hosts have").check();
  await admin.getByLabel("Display name for llama3.2:3b").fill("");
  await admin.getByRole("button", { name: "Save models" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await admin.context().close();
});

test("usage shows replies per day, person and model; the default budget is saved", async ({ page, browser }) => {
  await signUpAndStartChat(page, "Counter");
  await ask(page, "count 12");
  await expect(lastReply(page)).toHaveText(/12$/);
  const admin = await adminPage(browser);
  await admin.goto("/admin/usage");
  await expect(admin.getByRole("img", { name: /Tokens per day/ })).toBeVisible();
  await expect(admin.getByRole("table", { name: "By person" })).toContainText("Counter");
  await expect(admin.getByRole("table", { name: "By model" })).toContainText("llama3.2:3b");
  await admin.getByLabel("Default budget per person").fill("500000");
  await admin.getByRole("button", { name: "Save budget" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await admin.reload();
  await expect(admin.getByLabel("Default budget per person")).toHaveValue("500000");
  await admin.screenshot({ path: `${SHOTS}/admin-usage.png`, fullPage: true });
  await admin.getByLabel("Default budget per person").fill("");
  await admin.getByRole("button", { name: "Save budget" }).click();
  await expect(admin.getByRole("status").filter({ hasText: "Saved" })).toBeVisible();
  await admin.context().close();
});

test.describe("refused", () => {
  test.use({ allowConsoleErrors: [/status of 403/] });

test("the admin console is for administrators only", async ({ page }) => {
  await signUp(page, "Curious");
  await page.getByLabel(/Account menu/).click();
  await expect(page.getByRole("link", { name: "Admin console" })).toBeHidden();
  const res = await page.goto("/admin/branding");
  expect(res?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Administrators only" })).toBeVisible();
});
});
