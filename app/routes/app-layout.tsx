/** The signed-in area: the shell with the conversation list around every page inside it. */
import { Outlet } from "react-router";
import type { Route } from "./+types/app-layout";
import { requireUser } from "../features/auth/auth.server";
import { AppShell } from "../features/shell/app-shell";
import type { SidebarConversation } from "../features/sidebar/recency";
import { api } from "../lib/api.server";
import { useBranding } from "../lib/use-branding";

export async function loader({ request, context }: Route.LoaderArgs) {
  const user = await requireUser(request, context);
  const res = await api(request, context, "/api/conversations?limit=100");
  const page = res.ok ? ((await res.json()) as { items: SidebarConversation[]; nextCursor: string | null }) : { items: [], nextCursor: null };
  return { user, conversations: page.items, nextCursor: page.nextCursor };
}

export default function AppLayout({ loaderData }: Route.ComponentProps) {
  return (
    <AppShell user={loaderData.user} branding={useBranding()} conversations={loaderData.conversations} nextCursor={loaderData.nextCursor}>
      <Outlet />
    </AppShell>
  );
}
