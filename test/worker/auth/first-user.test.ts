// Its own file: storage is isolated per test file, so this file starts with no users.
import { env } from "cloudflare:test";
import { expect, it } from "vitest";
import { register } from "../helpers";

it("makes the first account admin and every later one a plain user, even when they race", async () => {
  const results = await Promise.all([register(), register(), register()]);
  const roles = results.map((r) => r.body.user.role).sort();
  expect(roles).toEqual(["admin", "user", "user"]);

  const later = await register();
  expect(later.body.user.role).toBe("user");

  const audit = await env.DB.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'user.registered'").first<{ n: number }>();
  expect(audit?.n).toBe(4);
});
