/** Signs up the administrator (the first account of the fresh e2e database) and keeps its session. */
import { expect, test as setup } from "@playwright/test";
import { ADMIN, ADMIN_STATE } from "./admin-account";

setup("sign up the administrator", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill(ADMIN.name);
  await page.getByLabel("Email").fill(ADMIN.email);
  await page.getByLabel("Password").fill(ADMIN.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await page.getByLabel(/Account menu/).click();
  await expect(page.getByRole("link", { name: "Admin console" })).toBeVisible();
  await page.context().storageState({ path: ADMIN_STATE });
});
