import { Form, Link, useRouteLoaderData } from "react-router";
import type { Route } from "./+types/users";
import { callApi, loadApi } from "../../features/admin/admin.server";
import { UserRow, type AdminUser } from "../../features/admin/user-row";
import type { CurrentUser } from "../../features/auth/auth.server";

type Page = { items: AdminUser[]; nextCursor: string | null };

export async function loader({ request, context }: Route.LoaderArgs) {
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.trim() ?? "";
  const cursor = url.searchParams.get("cursor") ?? "";
  const query = new URLSearchParams({ limit: "25", ...(q ? { q } : {}), ...(cursor ? { cursor } : {}) });
  const page = await loadApi<Page>(request, context, `/api/admin/users?${query}`);
  return { ...page, q, paged: Boolean(cursor) };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const id = encodeURIComponent(String(form?.get("id") ?? ""));
  const intent = form?.get("intent");
  if (intent === "delete") {
    const result = await callApi(request, context, `/api/admin/users/${id}`, { method: "DELETE" });
    return result.ok ? { ok: true as const } : { ok: false as const, message: result.message };
  }
  const change: Record<string, unknown> = {};
  if (intent === "role") change.role = form?.get("role");
  if (intent === "disable") change.disabled = true;
  if (intent === "enable") change.disabled = false;
  if (intent === "budget") {
    const raw = String(form?.get("dailyTokenBudget") ?? "").trim();
    if (raw !== "" && !Number.isSafeInteger(Number(raw))) return { ok: false as const, message: "The budget must be a whole number of tokens, or empty for the default." };
    change.dailyTokenBudget = raw === "" ? null : Number(raw);
  }
  const result = await callApi(request, context, `/api/admin/users/${id}`, { method: "PATCH", json: change });
  return result.ok ? { ok: true as const } : { ok: false as const, message: Object.values(result.fields)[0] ?? result.message };
}

export default function UsersPage({ loaderData }: Route.ComponentProps) {
  const { items, nextCursor, q, paged } = loaderData;
  const me = (useRouteLoaderData("routes/app-layout") as { user: CurrentUser } | undefined)?.user;
  return (
    <section aria-labelledby="users-title">
      <h2 id="users-title">Users</h2>
      <Form method="get" className="admin-search" role="search">
        <label htmlFor="user-search" className="visually-hidden">
          Search users
        </label>
        <input id="user-search" type="search" name="q" defaultValue={q} placeholder="Search by name or email" />
        <button type="submit" className="button">
          Search
        </button>
      </Form>
      {items.length === 0 ? <p className="muted">{q ? `Nobody matches “${q}”.` : "No users yet."}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="admin-table">
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col">Role</th>
                <th scope="col">Daily token budget</th>
                <th scope="col">Conversations</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {items.map((user) => (
                <UserRow key={user.id} user={user} self={user.id === me?.id} />
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <p className="pager">
        {paged ? <Link to={q ? `?q=${encodeURIComponent(q)}` : "?"}>First page</Link> : null}
        {nextCursor ? <Link to={`?${new URLSearchParams({ ...(q ? { q } : {}), cursor: nextCursor })}`}>Next page</Link> : null}
      </p>
    </section>
  );
}
