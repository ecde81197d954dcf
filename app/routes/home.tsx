import { Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/home";
import { hostProblems } from "../features/shell/host-problems.server";
import { ServiceNotice } from "../features/shell/service-notice";
import { api } from "../lib/api.server";
import { pageTitle, useBranding } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches);

type Catalogue = { models: { id: string; provider: string }[] };

export async function loader({ request, context }: Route.LoaderArgs) {
  const [problems, models] = await Promise.all([
    hostProblems(request, context),
    api(request, context, "/api/models")
      .then(async (res) => (res.ok ? ((await res.json()) as Catalogue).models : []))
      .catch(() => []),
  ]);
  return { problems, models };
}

export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const model = String(form?.get("model") ?? "").trim();
  const res = await api(request, context, "/api/conversations", { method: "POST", json: model ? { model } : {} });
  if (!res.ok) return { error: "Could not start a conversation. Try again." };
  const { id } = (await res.json()) as { id: string };
  throw redirect(`/c/${id}`);
}

export default function Home({ loaderData, actionData, matches }: Route.ComponentProps) {
  const branding = useBranding();
  const busy = useNavigation().state !== "idle";
  const user = (matches[1]?.loaderData as { user?: { name: string } } | undefined)?.user;
  const { models, problems } = loaderData;
  return (
    <>
      <ServiceNotice problems={problems} />
      <section className="welcome">
        <h1>Welcome{user ? `, ${user.name}` : ""}</h1>
        <p className="muted">{branding.welcomeText}</p>
        <Form method="post" className="new-chat">
          <label htmlFor="model">Model</label>
          <select id="model" name="model" disabled={models.length === 0}>
            {models.map((m) => (
              <option key={m.id} value={m.id}>
                {m.id}
              </option>
            ))}
          </select>
          {models.length === 0 ? <p className="muted small">No model is available until a model host answers.</p> : null}
          {actionData?.error ? <p className="form-error">{actionData.error}</p> : null}
          <button type="submit" className="button primary" disabled={busy || models.length === 0}>
            Start a new chat
          </button>
        </Form>
      </section>
    </>
  );
}
