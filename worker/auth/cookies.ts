/**
 * The browser session cookie: HttpOnly, SameSite=Lax, and outside development Secure with the
 * `__Host-` prefix (bound to this host, path /, no Domain).
 */
import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../http/app-env";

// Outside development Hono adds the `__Host-` prefix to this name.
const NAME = "marie_session";

function secure(c: Context<AppEnv>) {
  return c.get("config").ENVIRONMENT !== "development";
}

export function hasSessionCookie(c: Context<AppEnv>): boolean {
  return readSessionCookie(c) !== undefined;
}

export function readSessionCookie(c: Context<AppEnv>): string | undefined {
  return secure(c) ? getCookie(c, NAME, "host") : getCookie(c, NAME);
}

export function writeSessionCookie(c: Context<AppEnv>, token: string, expiresAt: number) {
  const options = {
    path: "/",
    httpOnly: true,
    sameSite: "Lax",
    expires: new Date(expiresAt),
  } as const;
  if (secure(c)) setCookie(c, NAME, token, { ...options, secure: true, prefix: "host" });
  else setCookie(c, NAME, token, options);
}

export function clearSessionCookie(c: Context<AppEnv>) {
  if (secure(c)) deleteCookie(c, NAME, { path: "/", secure: true, prefix: "host" });
  else deleteCookie(c, NAME, { path: "/" });
}
