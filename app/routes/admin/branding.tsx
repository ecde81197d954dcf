import { useFetcher } from "react-router";
import type { Route } from "./+types/branding";
import type { Branding } from "../../../worker/branding/defaults";
import { callApi, loadApi } from "../../features/admin/admin.server";
import { BrandingForm, type SaveResult } from "../../features/admin/branding-form";

type AdminBranding = { version: number; branding: Branding; history: { version: number; savedAt: string; savedBy?: { id: string; email?: string } | null }[] };

export async function loader({ request, context }: Route.LoaderArgs) {
  return loadApi<AdminBranding>(request, context, "/api/admin/branding");
}

export async function action({ request, context }: Route.ActionArgs): Promise<SaveResult> {
  const form = await request.formData().catch(() => null);
  if (form?.get("intent") === "rollback") {
    const toVersion = Number(form.get("toVersion"));
    const result = await callApi<{ version: number }>(request, context, "/api/admin/branding/rollback", {
      method: "POST",
      json: Number.isInteger(toVersion) && toVersion > 0 ? { toVersion } : {},
    });
    return result.ok ? { ok: true, version: result.data.version } : { ok: false, message: result.message, fields: result.fields };
  }
  let branding: unknown;
  try {
    branding = JSON.parse(String(form?.get("branding") ?? ""));
  } catch {
    return { ok: false, message: "The form was not readable; reload and try again.", fields: {} };
  }
  const expectedVersion = Number(form?.get("expectedVersion"));
  const result = await callApi<{ version: number }>(request, context, "/api/admin/branding", {
    method: "PUT",
    json: { ...(branding as object), expectedVersion },
  });
  if (result.ok) return { ok: true, version: result.data.version };
  const message = result.status === 409 ? "Someone else saved the branding meanwhile. Reload to see their version, then apply your change." : result.message;
  return { ok: false, message, fields: result.fields };
}

export default function BrandingPage({ loaderData }: Route.ComponentProps) {
  const { branding, version, history } = loaderData;
  const save = useFetcher<SaveResult>();
  return (
    <section aria-labelledby="branding-title">
      <h2 id="branding-title">Branding</h2>
      <p className="muted">Name, look and words of this MARIE. Changes apply to everyone at once; every version is kept and can be restored.</p>
      {/* Keyed by version: after a save or a rollback the form starts from what is now current. */}
      <BrandingForm key={version} initial={branding} version={version} fetcher={save} />
      <History history={history} current={version} />
    </section>
  );
}

function History({ history, current }: { history: AdminBranding["history"]; current: number }) {
  const fetcher = useFetcher<SaveResult>();
  if (history.length === 0) return null;
  return (
    <section className="admin-section" aria-labelledby="history-title">
      <h3 id="history-title">Versions</h3>
      {fetcher.data && !fetcher.data.ok ? <p className="form-error">{fetcher.data.message}</p> : null}
      <ol className="version-list">
        {history.map((entry) => (
          <li key={entry.version}>
            <span>
              Version {entry.version}
              {entry.version === current ? " (current)" : ""} · {entry.savedAt.slice(0, 16).replace("T", " ")} UTC
              {entry.savedBy?.email ? ` · ${entry.savedBy.email}` : ""}
            </span>
            {entry.version !== current ? (
              <fetcher.Form method="post">
                <input type="hidden" name="intent" value="rollback" />
                <input type="hidden" name="toVersion" value={entry.version} />
                <button type="submit" className="link-button" disabled={fetcher.state !== "idle"}>
                  Restore
                </button>
              </fetcher.Form>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
