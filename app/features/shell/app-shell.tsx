/**
 * The signed-in frame: a header with the brand and the user menu, a sidebar (conversations will
 * live here) that collapses on narrow screens, and the main area.
 */
import { Form, Link, NavLink } from "react-router";
import type { Branding } from "../../../worker/branding/defaults";
import type { CurrentUser } from "../auth/auth.server";

export type ConversationLink = { id: string; title: string; pinned: boolean };
type Props = { user: CurrentUser; branding: Branding; conversations: ConversationLink[]; children: React.ReactNode };

export function AppShell({ user, branding, conversations, children }: Props) {
  return (
    <div className="shell">
      <header className="topbar">
        <div className="brand">
          {branding.logoUrl ? <img src={branding.logoUrl} alt="" className="brand-logo" /> : <span className="brand-mark" aria-hidden="true" />}
          <span className="brand-name">{branding.appName}</span>
        </div>
        <UserMenu user={user} />
      </header>
      <nav className="sidebar" aria-label="Conversations">
        <Link to="/" className="button primary wide">
          New chat
        </Link>
        {conversations.length === 0 ? (
          <p className="muted small sidebar-empty">Your conversations will appear here.</p>
        ) : (
          <ul className="conversation-list">
            {conversations.map((c) => (
              <li key={c.id}>
                <NavLink to={`/c/${c.id}`} title={c.title}>
                  {c.pinned ? "📌 " : ""}
                  {c.title}
                </NavLink>
              </li>
            ))}
          </ul>
        )}
      </nav>
      <main className="main">{children}</main>
    </div>
  );
}

function UserMenu({ user }: { user: CurrentUser }) {
  return (
    <details className="user-menu">
      <summary aria-label={`Account menu for ${user.name}`}>
        <span className="avatar" aria-hidden="true">
          {user.name.trim().charAt(0).toUpperCase() || "?"}
        </span>
        <span className="user-name">{user.name}</span>
      </summary>
      <div className="menu" role="group" aria-label="Account">
        <p className="menu-email">{user.email}</p>
        {user.role === "admin" ? <p className="muted small">Administrator</p> : null}
        <Form method="post" action="/logout">
          <button type="submit" className="button wide">
            Sign out
          </button>
        </Form>
      </div>
    </details>
  );
}
