import { Form, useFetcher } from "react-router";
import type { Route } from "./+types/models";
import { callApi, loadApi } from "../../features/admin/admin.server";
import { ModelsForm, type ModelsConfig, type ModelsSaveResult } from "../../features/admin/models-form";
import type { Catalogue } from "../../features/models/model-picker";

export async function loader({ request, context }: Route.LoaderArgs) {
  const refresh = new URL(request.url).searchParams.get("refresh") === "true";
  return loadApi<{ config: ModelsConfig; catalogue: Catalogue }>(request, context, `/api/admin/models${refresh ? "?refresh=true" : ""}`);
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  let config: unknown;
  try {
    config = JSON.parse(String(form?.get("config") ?? ""));
  } catch {
    return { ok: false as const, message: "The form was not readable; reload and try again.", fields: {} };
  }
  const result = await callApi<{ warnings?: string[] }>(request, context, "/api/admin/models", { method: "PUT", json: config });
  return result.ok ? { ok: true as const, warnings: result.data.warnings ?? [] } : { ok: false as const, message: result.message, fields: result.fields };
}

export default function ModelsPage({ loaderData }: Route.ComponentProps) {
  const { config, catalogue } = loaderData;
  const save = useFetcher<ModelsSaveResult>();
  return (
    <section aria-labelledby="models-title">
      <h2 id="models-title">Models</h2>
      <p className="muted">Which models people may choose, what they are called, and which one new chats start with.</p>
      <ModelsForm config={config} catalogue={catalogue} key={JSON.stringify(config)} fetcher={save} />
      <section className="admin-section" aria-labelledby="hosts-title">
        <div className="section-head">
          <h3 id="hosts-title">Model hosts</h3>
          <Form method="get">
            <input type="hidden" name="refresh" value="true" />
            <button type="submit" className="button small-button">
              Check hosts now
            </button>
          </Form>
        </div>
        <ul className="host-list">
          {catalogue.hosts.map((host) => (
            <li key={host.host} data-ok={host.ok}>
              <span className={host.ok ? "host-up" : "host-down"}>{host.host}</span>
              {host.ok ? (
                <span className="muted small">
                  {" "}
                  · {host.models.length} model{host.models.length === 1 ? "" : "s"}
                  {host.loaded?.length ? ` · loaded: ${host.loaded.join(", ")}` : ""}
                </span>
              ) : (
                <span className="field-error small"> · not answering{host.error ? `: ${host.error}` : ""}</span>
              )}
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}
