import { Form, redirect, useNavigation } from "react-router";
import type { Route } from "./+types/home";
import { defaultModelOf, EMPTY_CATALOGUE, ModelPicker, type Catalogue } from "../features/models/model-picker";
import { hostProblems } from "../features/shell/host-problems.server";
import { ServiceNotice } from "../features/shell/service-notice";
import { api } from "../lib/api.server";
import { pageTitle, useBranding } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches);

export async function loader({ request, context }: Route.LoaderArgs) {
  const [problems, catalogue] = await Promise.all([
    hostProblems(request, context),
    api(request, context, "/api/models")
      .then(async (res) => (res.ok ? ((await res.json()) as Catalogue) : EMPTY_CATALOGUE))
      .catch(() => EMPTY_CATALOGUE),
  ]);
  return { problems, catalogue };
}

/** Starts a conversation; with a first message, sends it too (the reply streams on the chat page). */
export async function action({ request, context }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const model = String(form?.get("model") ?? "").trim();
  const first = String(form?.get("message") ?? "").trim();
  const res = await api(request, context, "/api/conversations", { method: "POST", json: model ? { model } : {} });
  if (!res.ok) return { error: "Could not start a conversation. Try again." };
  const { id } = (await res.json()) as { id: string };
  if (first) {
    const sent = await api(request, context, `/api/conversations/${id}/messages`, { method: "POST", json: { content: first } });
    if (!sent.ok) {
      const body = (await sent.json().catch(() => null)) as { error?: { message?: string } } | null;
      return { error: body?.error?.message ?? "The conversation started, but the message was not sent." };
    }
  }
  throw redirect(`/c/${id}`);
}

export default function Home({ loaderData, actionData, matches }: Route.ComponentProps) {
  const branding = useBranding();
  const busy = useNavigation().state !== "idle";
  const user = (matches[1]?.loaderData as { user?: { name: string } } | undefined)?.user;
  const { catalogue, problems } = loaderData;
  const noModels = catalogue.models.length === 0;
  return (
    <>
      <ServiceNotice problems={problems} />
      <section className="welcome">
        <h1>Welcome{user ? `, ${user.name}` : ""}</h1>
        <p className="muted">{branding.welcomeText}</p>
        <Form method="post" className="new-chat">
          <ModelPicker catalogue={catalogue} value={defaultModelOf(catalogue)} />
          {noModels ? <p className="muted small">No model is available until a model host answers.</p> : null}
          {branding.suggestedPrompts.length > 0 && !noModels ? (
            <div className="prompt-chips" role="group" aria-label="Suggestions">
              {branding.suggestedPrompts.map((prompt) => (
                <button key={prompt} type="submit" name="message" value={prompt} className="prompt-chip" formNoValidate>
                  {prompt}
                </button>
              ))}
            </div>
          ) : null}
          <label htmlFor="first-message" className="visually-hidden">
            First message
          </label>
          <textarea
            id="first-message"
            name="message"
            rows={3}
            placeholder="Ask anything (optional)"
            onKeyDown={(event) => {
              if (event.key === "Enter" && !event.shiftKey && !event.nativeEvent.isComposing) {
                event.preventDefault();
                event.currentTarget.form?.requestSubmit();
              }
            }}
          />
          {actionData?.error ? <p className="form-error">{actionData.error}</p> : null}
          <button type="submit" className="button primary" disabled={busy || noModels}>
            Start a new chat
          </button>
        </Form>
      </section>
    </>
  );
}
