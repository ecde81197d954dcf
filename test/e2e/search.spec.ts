/**
 * Search from the sidebar (by meaning, by words), opening the exact message found, on its own
 * branch and deep in a long history, and "use my history" replies citing their sources.
 */
import type { Page } from "@playwright/test";
import { ask, expect, lastReply, SHOTS, seedConversation, signUp, test } from "./helpers";

const CAR = "My car broke down on the highway and the mechanic says the transmission is gone";

const sidebar = (page: Page) => page.getByRole("navigation", { name: "Conversations" });
const results = (page: Page) => sidebar(page).getByRole("region", { name: "Search results" });
const opened = (page: Page) => page.locator('.message[aria-current="true"]');

/** The car conversation and two unrelated ones, as the signed-in page. */
async function seedHistory(page: Page) {
  const car = await seedConversation(page, "Car trouble", [
    { role: "user", content: "I need to vent about my week." },
    { role: "assistant", content: "Of course, tell me what happened." },
    { role: "user", content: CAR },
    { role: "assistant", content: "That sounds stressful. Get a second quote before you decide." },
  ]);
  await seedConversation(page, "Sourdough", [
    { role: "user", content: "How long should sourdough proof in the fridge?" },
    { role: "assistant", content: "Twelve to sixteen hours is typical for a cold proof." },
  ]);
  await seedConversation(page, "Trip to Lisbon", [
    { role: "user", content: "Which neighbourhoods are nice to walk around in Lisbon?" },
    { role: "assistant", content: "Alfama and Bairro Alto are lovely on foot." },
  ]);
  return car;
}

/** Indexing runs after the import returns: wait until the API finds `text` for `q`. */
async function indexed(page: Page, q: string, text: string, mode = "hybrid") {
  await expect
    .poll(
      async () => {
        const res = await page.request.get(`/api/search?${new URLSearchParams({ q, mode })}`);
        if (!res.ok()) return `HTTP ${res.status()}`;
        const body = (await res.json()) as { hits: { snippet: string }[] };
        return body.hits.some((h) => h.snippet.includes(text));
      },
      { timeout: 20_000, message: `"${q}" finds "${text}"` },
    )
    .toBe(true);
}

test("searching by meaning finds a message sharing no words with the query, and opens it highlighted", async ({ page }) => {
  await signUp(page, "Seeker");
  const car = await seedHistory(page);
  await indexed(page, "automobile repair", "transmission");
  await page.reload();

  // Ctrl+K focuses the field; typing shows hits in place of the conversation list.
  await page.keyboard.press("Control+K");
  const field = sidebar(page).getByLabel("Search conversations");
  await expect(field).toBeFocused();
  await page.keyboard.type("automobile repair");
  // The best hit is the car message; the conversation list gives way to the hits.
  const hit = results(page).getByRole("link").first();
  await expect(hit).toContainText("transmission");
  await expect(hit).toContainText("Car trouble");
  await expect(hit).toContainText("You");
  await expect(sidebar(page).getByRole("region", { name: "Today" })).toBeHidden();
  await expect(sidebar(page).getByRole("radio", { name: "All" })).toBeChecked();
  await page.screenshot({ path: `${SHOTS}/search-sidebar.png` });

  await hit.click();
  await expect(page).toHaveURL(new RegExp(`/c/${car}\\?m=[\\w-]+$`));
  await expect(opened(page)).toContainText(CAR);
  await expect(opened(page)).toBeInViewport();

  // Esc clears the search and brings the conversation list back.
  await field.press("Escape");
  await expect(field).toHaveValue("");
  await expect(sidebar(page).getByRole("region", { name: "Today" }).getByRole("link", { name: "Sourdough" })).toBeVisible();

  // Words that appear nowhere find nothing, and the list says so.
  await field.fill("zzqx");
  await sidebar(page).getByRole("radio", { name: "Words" }).check();
  await expect(results(page).getByRole("status")).toHaveText("No messages match “zzqx”.");
});

test("a message on an older branch opens with that branch shown, from the keyboard", async ({ page }) => {
  await signUp(page, "Gardener");
  const id = await seedConversation(page, "Garden plans", [
    { role: "user", content: "Let us plan the garden." },
    { role: "assistant", content: "Gladly. What grows there now?" },
    { role: "user", content: "How should I prune the tomato plants in July?" },
    { role: "assistant", content: "Pinch out the side shoots every week." },
    { role: "user", content: "And the beans?" },
    { role: "assistant", content: "Give them a frame to climb." },
  ]);
  // Edit the tomato question: the new version (and its reply) becomes the branch shown by default.
  await page.goto(`/c/${id}`);
  const tomato = page.locator(".message-user").filter({ hasText: "tomato" });
  await tomato.getByRole("button", { name: "Edit" }).click();
  await page.getByLabel("Edit message").fill("count 3");
  await page.getByRole("button", { name: "Save and send" }).click();
  await expect(lastReply(page)).toHaveText("1 2 3");
  await expect(page.locator(".message-user").filter({ hasText: "tomato" })).toHaveCount(0);
  await indexed(page, "tomato", "tomato", "keyword");

  await page.goto("/");
  const field = sidebar(page).getByLabel("Search conversations");
  await field.fill("tomato");
  await sidebar(page).getByRole("radio", { name: "Words" }).check();
  await expect(results(page).getByRole("link")).toHaveCount(1);
  await expect(results(page).locator("mark")).toHaveText(["tomato"]);
  await field.press("ArrowDown");
  await expect(results(page).getByRole("link")).toBeFocused();
  await page.keyboard.press("Enter");

  await expect(page).toHaveURL(new RegExp(`/c/${id}\\?m=`));
  await expect(opened(page)).toContainText("prune the tomato plants");
  await expect(opened(page)).toBeInViewport();
  await expect(opened(page).locator(".message-meta")).toContainText("1/2");
  // The rest of the old branch follows it, not the edit's.
  await expect(page.getByText("Give them a frame to climb.")).toBeVisible();
  await expect(page.locator(".message-user").filter({ hasText: "count 3" })).toHaveCount(0);
});

test("with 'use my history' on, a reply cites the passage it drew on, and the citation opens it", async ({ page }) => {
  await signUp(page, "Citer");
  const car = await seedHistory(page);
  await indexed(page, "automobile repair", "transmission");

  await page.goto("/");
  await page.getByRole("button", { name: "Start a new chat" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Live" })).toBeVisible();
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByText("Replies may draw on your other conversations")).toBeVisible();
  await page.getByLabel("Use my history").check();
  await page.getByRole("button", { name: "Save settings" }).click();
  await expect(page.getByRole("form", { name: "Conversation settings" })).toBeHidden();

  await ask(page, "What was wrong with my automobile?");
  const reply = page.locator(".message-assistant").last();
  await expect(reply).toHaveAttribute("data-status", "complete");
  const sources = reply.getByRole("region", { name: "Sources" });
  const citation = sources.getByRole("link", { name: /^\[\d+\] Car trouble$/ });
  await expect(citation.first()).toBeVisible();
  await expect(sources).toContainText("transmission");
  await page.screenshot({ path: `${SHOTS}/search-citations.png` });

  // Saved: the setting is on after a reload.
  await page.reload();
  await page.getByRole("button", { name: "Settings" }).click();
  await expect(page.getByLabel("Use my history")).toBeChecked();
  await page.getByRole("button", { name: "Cancel" }).click();

  await page.getByRole("region", { name: "Sources" }).last().getByRole("link").filter({ hasText: "Car trouble" }).first().click();
  await expect(page).toHaveURL(new RegExp(`/c/${car}\\?m=`));
  await expect(opened(page)).toContainText("transmission");
  await expect(opened(page)).toBeInViewport();
});

test("when the embedding model fails, search says so and shows keyword matches", async ({ page }) => {
  await signUp(page, "Degraded");
  await seedHistory(page);
  await indexed(page, "sourdough", "sourdough", "keyword");
  // The stub fails the embedding of this query only (other tests' texts are left alone).
  const query = "sourdough loaves";
  const stub = `http://127.0.0.1:${process.env.E2E_OLLAMA_PORT ?? 11590}/_stub/embed-failures`;
  await page.request.post(stub, { data: { count: 50, match: query } });
  try {
    await page.reload();
    await sidebar(page).getByLabel("Search conversations").fill(query);
    await expect(results(page)).toContainText("showing keyword matches only");
    await expect(results(page).getByRole("link").first()).toContainText("Sourdough");
  } finally {
    await page.request.post(stub, { data: { count: 0, match: query } });
  }
});

test("a link to a message deep in a 5,000-message conversation pages back to it", async ({ page }) => {
  test.setTimeout(120_000);
  await signUp(page, "Deepdiver");
  const headers = { origin: new URL(page.url()).origin };
  const created = await page.request.post("/api/conversations", { headers, data: { title: "Long haul", model: "llama3.2:3b" } });
  const { id } = (await created.json()) as { id: string };
  const messages = Array.from({ length: 5000 }, (_, i) => ({
    role: i % 2 === 0 ? ("user" as const) : ("assistant" as const),
    content: i % 2 === 0 ? `Question number ${i + 1}` : `Answer number ${i + 1}`,
  }));
  let target = "";
  for (let i = 0; i < messages.length; i += 1000) {
    const res = await page.request.post(`/api/conversations/${id}/import`, { headers, data: { messages: messages.slice(i, i + 1000) } });
    expect(res.status()).toBe(201);
    // The last of the first thousand: "Answer number 1000", 4,000 messages from the end.
    if (i === 0) target = ((await res.json()) as { lastMessageId: string }).lastMessageId;
  }
  await page.goto(`/c/${id}?m=${target}`);
  await expect(opened(page).locator(".message-text")).toHaveText("Answer number 1000", { timeout: 30_000 });
  await expect(opened(page)).toBeInViewport();
  expect(await page.locator(".message").count()).toBeLessThan(80);
});

test("at 360 px in dark mode the search fits the drawer", async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 760 });
  await page.emulateMedia({ colorScheme: "dark" });
  await signUp(page, "Narrow");
  await seedHistory(page);
  await indexed(page, "sourdough", "sourdough", "keyword");
  await page.keyboard.press("Control+K");
  const field = sidebar(page).getByLabel("Search conversations");
  await expect(field).toBeFocused();
  await field.fill("sourdough");
  await expect(results(page).getByRole("link").first()).toContainText("Sourdough");
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  await page.screenshot({ path: `${SHOTS}/search-360-dark.png` });
  await results(page).getByRole("link").first().click();
  await expect(opened(page)).toContainText("sourdough");
});
