import { Form, useFetcher } from "react-router";
import type { Route } from "./+types/usage";
import { callApi, loadApi } from "../../features/admin/admin.server";
import { FormOutcome } from "../../features/admin/form-outcome";
import { UsageChart, type DayUsage } from "../../features/admin/usage-chart";

type Row = { key: string; label?: string | null; name?: string | null; promptTokens: number; completionTokens: number; messages: number };
type Usage = { rows: Row[]; totals: Omit<Row, "key" | "label">; series?: DayUsage[] };
type Quotas = { defaultDailyTokenBudget: number | null };

const RANGES = [7, 30, 90] as const;

function day(offset: number) {
  return new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
}

export async function loader({ request, context }: Route.LoaderArgs) {
  const asked = Number(new URL(request.url).searchParams.get("days"));
  const days = RANGES.find((r) => r === asked) ?? 30;
  const range = `from=${day(days - 1)}&to=${day(0)}`;
  const [byDay, byUser, byModel, quotas] = await Promise.all([
    loadApi<Usage>(request, context, `/api/admin/usage?${range}&groupBy=day`),
    loadApi<Usage>(request, context, `/api/admin/usage?${range}&groupBy=user`),
    loadApi<Usage>(request, context, `/api/admin/usage?${range}&groupBy=model`),
    loadApi<Quotas>(request, context, "/api/admin/usage/quotas"),
  ]);
  return { days, byDay, byUser, byModel, quotas };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const raw = String(form?.get("defaultDailyTokenBudget") ?? "").trim();
  if (raw !== "" && !Number.isSafeInteger(Number(raw))) return { ok: false as const, message: "The budget must be a whole number of tokens, or empty for no limit." };
  const result = await callApi(request, context, "/api/admin/usage/quotas", {
    method: "PUT",
    json: { defaultDailyTokenBudget: raw === "" ? null : Number(raw) },
  });
  return result.ok ? { ok: true as const } : { ok: false as const, message: Object.values(result.fields)[0] ?? result.message };
}

export default function UsagePage({ loaderData }: Route.ComponentProps) {
  const { days, byDay, byUser, byModel, quotas } = loaderData;
  const total = byDay.totals;
  return (
    <section aria-labelledby="usage-title">
      <h2 id="usage-title">Usage and quotas</h2>
      <Form method="get" className="admin-search">
        <label htmlFor="usage-range">Period</label>
        <select id="usage-range" name="days" defaultValue={days} onChange={(e) => e.currentTarget.form?.requestSubmit()}>
          {RANGES.map((r) => (
            <option key={r} value={r}>
              Last {r} days
            </option>
          ))}
        </select>
        <noscript>
          <button type="submit" className="button">
            Show
          </button>
        </noscript>
      </Form>
      <p className="usage-totals">
        <strong>{(total.promptTokens + total.completionTokens).toLocaleString("en")}</strong> tokens ·{" "}
        <strong>{total.messages.toLocaleString("en")}</strong> replies in the last {days} days
      </p>
      <UsageChart series={byDay.series ?? []} />
      <div className="usage-tables">
        <UsageTable title="By person" rows={byUser.rows} />
        <UsageTable title="By model" rows={byModel.rows} />
      </div>
      <QuotaForm quotas={quotas} />
    </section>
  );
}

function UsageTable({ title, rows }: { title: string; rows: Row[] }) {
  return (
    <div className="table-wrap">
      <table className="admin-table">
        <caption>{title}</caption>
        <thead>
          <tr>
            <th scope="col">{title === "By model" ? "Model" : "Person"}</th>
            <th scope="col">Replies</th>
            <th scope="col">Prompt tokens</th>
            <th scope="col">Completion tokens</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={4} className="muted">
                Nothing in this period.
              </td>
            </tr>
          ) : null}
          {rows.map((row) => (
            <tr key={row.key}>
              <td>
                {row.name ? (
                  <>
                    {row.name} <span className="muted small">{row.label}</span>
                  </>
                ) : row.label && row.label !== row.key ? (
                  <>
                    {row.label} <span className="muted small">{row.key}</span>
                  </>
                ) : (
                  row.key
                )}
              </td>
              <td>{row.messages.toLocaleString("en")}</td>
              <td>{row.promptTokens.toLocaleString("en")}</td>
              <td>{row.completionTokens.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function QuotaForm({ quotas }: { quotas: Quotas }) {
  const fetcher = useFetcher<{ ok: true } | { ok: false; message: string }>();
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  return (
    <fetcher.Form method="post" className="admin-form admin-section" aria-labelledby="quota-title">
      <h3 id="quota-title">Daily token budget</h3>
      <p className="muted small">
        Each person may use this many tokens a day (UTC); a per-person budget on the Users page wins over it. Empty means no limit. A reply that would go over is
        refused with a clear message.
      </p>
      <div className="field">
        <label htmlFor="default-budget">Default budget per person</label>
        <input id="default-budget" name="defaultDailyTokenBudget" type="number" min={1} step={1} placeholder="No limit" defaultValue={quotas.defaultDailyTokenBudget ?? ""} />
      </div>
      <FormOutcome error={result && !result.ok ? result.message : null} success={result?.ok ? "Saved." : null} />
      <button type="submit" className="button primary" disabled={fetcher.state !== "idle"}>
        Save budget
      </button>
    </fetcher.Form>
  );
}
