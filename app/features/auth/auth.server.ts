/** Server side of the auth pages: who is signed in, and posting the forms to the API. */
import { redirect, type RouterContextProvider } from "react-router";
import { api, forwardCookies } from "../../lib/api.server";
import { formResultFrom } from "./form-result";

export type CurrentUser = { id: string; email: string; name: string; role: "admin" | "user" };

export async function getUser(request: Request, context: Readonly<RouterContextProvider>) {
  const res = await api(request, context, "/api/auth/me");
  if (!res.ok) return null;
  return ((await res.json()) as { user: CurrentUser }).user;
}

/** For pages behind sign-in: the user, or a redirect to /login. */
export async function requireUser(request: Request, context: Readonly<RouterContextProvider>) {
  const user = await getUser(request, context);
  if (!user) throw redirect("/login");
  return user;
}

/** Posts the form's fields to an auth endpoint; on success, redirects home with the session cookie. */
export async function submitAuthForm(
  request: Request,
  context: Readonly<RouterContextProvider>,
  path: "/api/auth/login" | "/api/auth/register",
  fieldNames: string[],
) {
  const form = await request.formData().catch(() => null);
  if (!form) return { message: "Send the form as a normal form post." };
  const values = Object.fromEntries(fieldNames.map((name) => [name, String(form.get(name) ?? "")]));
  const res = await api(request, context, path, { method: "POST", json: values });
  if (res.ok) throw redirect("/", { headers: forwardCookies(res) });
  const { password: _, ...kept } = values;
  return formResultFrom(res, kept);
}
