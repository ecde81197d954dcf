/** The allowlist, display names and default model, edited as one table and saved together. */
import { useState } from "react";
import type { FetcherWithComponents } from "react-router";
import type { Catalogue } from "../models/model-picker";
import { FormOutcome } from "./form-outcome";

export type ModelsConfig = { allowlist: string[] | null; defaultModel: string | null; displayNames: Record<string, string> };
export type ModelsSaveResult = { ok: true; warnings: string[] } | { ok: false; message: string; fields: Record<string, string> };
type Props = { config: ModelsConfig; catalogue: Catalogue; fetcher: FetcherWithComponents<ModelsSaveResult> };

/** `fetcher` belongs to the page, so the outcome stays on screen when the form is rebuilt from the saved rules. */
export function ModelsForm({ config, catalogue, fetcher }: Props) {
  const [draft, setDraft] = useState(config);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  // Models the hosts offer, plus allowlisted ones whose hosts are down right now.
  const ids = [...new Set([...catalogue.models.map((m) => m.id), ...(draft.allowlist ?? [])])];
  const allowed = (id: string) => draft.allowlist === null || draft.allowlist.includes(id);
  const toggle = (id: string, on: boolean) => {
    const current = draft.allowlist ?? ids;
    const allowlist = on ? [...new Set([...current, id])] : current.filter((m) => m !== id);
    setDraft({ ...draft, allowlist, defaultModel: on || draft.defaultModel !== id ? draft.defaultModel : null });
  };
  return (
    <fetcher.Form method="post" className="admin-form wide-form" aria-label="Models">
      <input type="hidden" name="config" value={JSON.stringify(draft)} />
      <label className="check">
        <input type="checkbox" checked={draft.allowlist === null} onChange={(e) => setDraft({ ...draft, allowlist: e.target.checked ? null : ids })} />
        Offer every model the hosts have (new models appear by themselves)
      </label>
      <div className="table-wrap">
        <table className="admin-table">
          <thead>
            <tr>
              <th scope="col">Allowed</th>
              <th scope="col">Model</th>
              <th scope="col">Display name</th>
              <th scope="col">Default</th>
            </tr>
          </thead>
          <tbody>
            {ids.map((id) => (
              <tr key={id}>
                <td>
                  <input type="checkbox" aria-label={`Allow ${id}`} checked={allowed(id)} disabled={draft.allowlist === null} onChange={(e) => toggle(id, e.target.checked)} />
                </td>
                <td>
                  <code>{id}</code>
                  {catalogue.models.some((m) => m.id === id) ? null : <span className="muted small"> (no host offers it now)</span>}
                </td>
                <td>
                  <input
                    aria-label={`Display name for ${id}`}
                    maxLength={60}
                    value={draft.displayNames[id] ?? ""}
                    placeholder={id}
                    onChange={(e) => {
                      const displayNames = { ...draft.displayNames, [id]: e.target.value };
                      if (!e.target.value.trim()) delete displayNames[id];
                      setDraft({ ...draft, displayNames });
                    }}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="default-model"
                    aria-label={`Make ${id} the default`}
                    checked={draft.defaultModel === id}
                    disabled={!allowed(id)}
                    onChange={() => setDraft({ ...draft, defaultModel: id })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <FormOutcome
        error={result && !result.ok ? (Object.values(result.fields)[0] ? `${Object.keys(result.fields)[0]}: ${Object.values(result.fields)[0]}` : result.message) : null}
        success={result?.ok ? `Saved.${result.warnings.length ? ` Note: ${result.warnings.join("; ")}` : ""}` : null}
      />
      <button type="submit" className="button primary" disabled={fetcher.state !== "idle"}>
        Save models
      </button>
    </fetcher.Form>
  );
}
