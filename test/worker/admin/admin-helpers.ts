/** Accounts for admin tests: an administrator and a plain user, whatever order files run in. */
import { env } from "cloudflare:test";
import { register } from "../helpers";

export async function registerAdmin(name = "Admin") {
  const account = await register(undefined, undefined, name);
  await env.DB.prepare("UPDATE users SET role = 'admin' WHERE id = ?").bind(account.body.user.id).run();
  return { ...account, auth: { authorization: `Bearer ${account.body.token}`, origin: "http://marie.test" } };
}

export async function registerUser(name = "Plain user") {
  const account = await register(undefined, undefined, name);
  // The first account of a file's fresh database becomes admin; a plain user must not be one.
  await env.DB.prepare("UPDATE users SET role = 'user' WHERE id = ?").bind(account.body.user.id).run();
  return { ...account, auth: { authorization: `Bearer ${account.body.token}`, origin: "http://marie.test" } };
}
