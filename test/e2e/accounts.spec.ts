import { expect, test, type Page } from "@playwright/test";

const SHOTS = "test-results/screenshots";

function watchConsole(page: Page) {
  const problems: string[] = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(msg.text());
  });
  page.on("pageerror", (err) => problems.push(err.message));
  return problems;
}

test("a person registers, lands in the shell, signs out and signs back in", async ({ page }) => {
  const problems = watchConsole(page);
  const email = `ada-${Date.now()}@example.com`;
  const password = "analytical engine 1843";

  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);
  await page.getByRole("link", { name: "Create an account" }).click();
  await expect(page.getByRole("heading", { name: "Create your account" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/register.png`, fullPage: true });

  await page.getByLabel("Name").fill("Ada Lovelace");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Create account" }).click();

  await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Conversations" })).toBeVisible();
  // No model host runs in this test: the shell names it and says how to start one.
  const notice = page.getByRole("status").filter({ hasText: "model host is not reachable" });
  await expect(notice).toContainText("http://127.0.0.1:9");
  await expect(notice).toContainText("ollama serve");
  await page.screenshot({ path: `${SHOTS}/shell.png`, fullPage: true });

  await page.getByLabel("Account menu for Ada Lovelace").click();
  await expect(page.getByText(email)).toBeVisible();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login$/);

  // The session is gone, not just the page: the shell now sends us back to sign in.
  await page.goto("/");
  await expect(page).toHaveURL(/\/login$/);

  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Ada Lovelace" })).toBeVisible();
  expect(problems).toEqual([]);
});

test("a wrong password shows one clear message and keeps the email", async ({ page }) => {
  await page.goto("/login");
  await page.getByLabel("Email").fill("nobody@example.com");
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toHaveText("Email or password is incorrect");
  await expect(page.getByLabel("Email")).toHaveValue("nobody@example.com");
  await page.screenshot({ path: `${SHOTS}/login-error.png`, fullPage: true });
});

test("a weak password is refused with the reason beside the field", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Name").fill("Weak");
  await page.getByLabel("Email").fill(`weak-${Date.now()}@example.com`);
  // Ten characters pass the browser's check; the API's rules refuse it.
  await page.getByLabel("Password").fill("password123");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Password is too common")).toBeVisible();
});

test("the shell works at 360 px wide", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto("/register");
  await page.getByLabel("Name").fill("Mobile");
  await page.getByLabel("Email").fill(`mobile-${Date.now()}@example.com`);
  await page.getByLabel("Password").fill("a phone-sized passphrase");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("heading", { name: "Welcome, Mobile" })).toBeVisible();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await page.screenshot({ path: `${SHOTS}/shell-360.png`, fullPage: true });
});

test("/api/docs renders every route of the OpenAPI document", async ({ page, request }) => {
  const doc = (await (await request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  await page.goto("/api/docs");
  for (const [path, operations] of Object.entries(doc.paths)) {
    for (const method of Object.keys(operations)) {
      await expect(page.locator(`.opblock-${method} [data-path="${path}"]`).first()).toBeVisible();
    }
  }
  // Request and response schemas are there too.
  await page.locator('.opblock-post [data-path="/api/auth/register"]').first().click();
  await expect(page.getByText("RegisterRequest").first()).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/api-docs.png` });
});
