import type { Route } from "./+types/home";
import { requireUser } from "../features/auth/auth.server";
import { AppShell } from "../features/shell/app-shell";
import { pageTitle, useBranding } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches);

export async function loader({ request, context }: Route.LoaderArgs) {
  return { user: await requireUser(request, context) };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const branding = useBranding();
  return (
    <AppShell user={loaderData.user} branding={branding}>
      <section className="welcome">
        <h1>Welcome, {loaderData.user.name}</h1>
        <p className="muted">{branding.welcomeText}</p>
        <p className="muted small">Conversations arrive with the next release of {branding.appName}.</p>
      </section>
    </AppShell>
  );
}
