/** Server side of the admin pages: who may see them, and API calls with errors as data. */
import { data, type RouterContextProvider } from "react-router";
import { api, type ApiErrorBody } from "../../lib/api.server";
import { requireUser } from "../auth/auth.server";

type Context = Readonly<RouterContextProvider>;

/** For admin pages: the signed-in administrator, a redirect to sign in, or a 403 page. */
export async function requireAdmin(request: Request, context: Context) {
  const user = await requireUser(request, context);
  if (user.role !== "admin") throw data("Administrators only", { status: 403 });
  return user;
}

export type ApiResult<T> = { ok: true; data: T } | { ok: false; status: number; message: string; fields: Record<string, string> };

/** Calls the API; a refusal becomes a message and per-field errors the form can show. */
export async function callApi<T>(request: Request, context: Context, path: string, init: { method?: string; json?: unknown } = {}): Promise<ApiResult<T>> {
  const res = await api(request, context, path, init);
  if (res.ok) return { ok: true, data: (res.status === 204 ? null : await res.json()) as T };
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  const fields: Record<string, string> = {};
  for (const d of body?.error.details ?? []) if (d.field && !fields[d.field]) fields[d.field] = d.message;
  return { ok: false, status: res.status, message: body?.error.message ?? `The server answered ${res.status}`, fields };
}

/** For loaders: the data, or an error page with the API's status. */
export async function loadApi<T>(request: Request, context: Context, path: string): Promise<T> {
  const result = await callApi<T>(request, context, path);
  if (!result.ok) throw data(result.message, { status: result.status === 404 ? 404 : 503 });
  return result.data;
}
