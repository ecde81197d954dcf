/** The admin console's frame: tabs for each area, administrators only. */
import { NavLink, Outlet } from "react-router";
import type { Route } from "./+types/layout";
import { requireAdmin } from "../../features/admin/admin.server";
import { pageTitle } from "../../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "Admin");

export async function loader({ request, context }: Route.LoaderArgs) {
  await requireAdmin(request, context);
  return null;
}

const TABS = [
  { to: "/admin/branding", label: "Branding" },
  { to: "/admin/users", label: "Users" },
  { to: "/admin/models", label: "Models" },
  { to: "/admin/usage", label: "Usage and quotas" },
];

export default function AdminLayout() {
  return (
    <div className="admin">
      <h1>Admin</h1>
      <nav className="admin-tabs" aria-label="Admin sections">
        {TABS.map((tab) => (
          <NavLink key={tab.to} to={tab.to}>
            {tab.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
