import { redirect } from "react-router";
import type { Route } from "./+types/logout";
import { api, forwardCookies } from "../lib/api.server";

export function loader() {
  return redirect("/");
}

export async function action({ request, context }: Route.ActionArgs) {
  const res = await api(request, context, "/api/auth/logout", { method: "POST" });
  // 401 means the session was already gone: the user is signed out either way.
  if (!res.ok && res.status !== 401) throw new Response("Sign-out was refused", { status: res.status });
  return redirect("/login", { headers: forwardCookies(res) });
}
