import type { Route } from "./+types/home";
import { requireUser } from "../features/auth/auth.server";
import { AppShell } from "../features/shell/app-shell";
import { hostProblems } from "../features/shell/host-problems.server";
import { ServiceNotice } from "../features/shell/service-notice";
import { pageTitle, useBranding } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches);

export async function loader({ request, context }: Route.LoaderArgs) {
  const [user, problems] = await Promise.all([requireUser(request, context), hostProblems(request, context)]);
  return { user, problems };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  const branding = useBranding();
  return (
    <AppShell user={loaderData.user} branding={branding}>
      <ServiceNotice problems={loaderData.problems} />
      <section className="welcome">
        <h1>Welcome, {loaderData.user.name}</h1>
        <p className="muted">{branding.welcomeText}</p>
        <p className="muted small">Conversations arrive with the next release of {branding.appName}.</p>
      </section>
    </AppShell>
  );
}
