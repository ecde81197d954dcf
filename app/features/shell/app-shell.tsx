/**
 * The signed-in frame: a header with the brand and the account menu, the conversation sidebar
 * (a drawer on narrow screens), the main area, and the app-wide keyboard shortcuts.
 */
import { useState } from "react";
import { Form, Link, useLocation } from "react-router";
import type { Branding } from "../../../worker/branding/defaults";
import type { CurrentUser } from "../auth/auth.server";
import { SEARCH_FIELD_ID, SidebarSearch } from "../search/sidebar-search";
import { ConversationList } from "../sidebar/conversation-list";
import type { SidebarConversation } from "../sidebar/recency";
import { ThemeSwitch } from "../theme/theme-switch";
import { BrandFooter } from "./brand-footer";
import { useShortcuts, SHORTCUTS } from "./shortcuts";

/** Where the sidebar becomes a drawer (as in app.css). */
const NARROW = "(max-width: 720px)";

type Props = { user: CurrentUser; branding: Branding; conversations: SidebarConversation[]; nextCursor: string | null; children: React.ReactNode };

export function AppShell({ user, branding, conversations, nextCursor, children }: Props) {
  // The drawer remembers the page it was opened on, so going anywhere closes it.
  const { pathname } = useLocation();
  const [drawerOpenOn, setDrawerOpenOn] = useState<string | null>(null);
  const drawerOpen = drawerOpenOn === pathname;
  useShortcuts(() => {
    // On narrow screens the search lives in the drawer: open it first.
    if (matchMedia(NARROW).matches) setDrawerOpenOn(pathname);
    requestAnimationFrame(() => document.getElementById(SEARCH_FIELD_ID)?.focus());
  });
  return (
    <div className="shell" data-drawer={drawerOpen ? "open" : undefined}>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <button
          type="button"
          className="icon-button drawer-button"
          aria-label="Conversations"
          aria-controls="sidebar"
          aria-expanded={drawerOpen}
          onClick={() => setDrawerOpenOn(drawerOpen ? null : pathname)}
        >
          ☰
        </button>
        <Link to="/" className="brand">
          {branding.logoUrl ? <img src={branding.logoUrl} alt="" className="brand-logo" /> : <span className="brand-mark" aria-hidden="true" />}
          <span className="brand-name">{branding.appName}</span>
        </Link>
        <UserMenu user={user} />
      </header>
      {/* Following any link closes the drawer, even one to the page already open. */}
      <nav className="sidebar" id="sidebar" aria-label="Conversations" onClick={(event) => (event.target as Element).closest("a") && setDrawerOpenOn(null)}>
        <Link to="/" className="button primary wide" aria-keyshortcuts="Control+Shift+O Meta+Shift+O">
          New chat
        </Link>
        <SidebarSearch>
          <ConversationList conversations={conversations} nextCursor={nextCursor} />
        </SidebarSearch>
        <Link to="/archived" className="sidebar-footer-link">
          Archived conversations
        </Link>
        <BrandFooter branding={branding} />
      </nav>
      <main className="main" id="main">
        {children}
      </main>
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
        {user.role === "admin" ? (
          <p>
            <Link to="/admin">Admin console</Link>
          </p>
        ) : null}
        <ThemeSwitch />
        <h2 className="group-label">Keyboard shortcuts</h2>
        <dl className="shortcuts">
          {SHORTCUTS.map((s) => (
            <div key={s.keys}>
              <dt>
                <kbd>{s.keys}</kbd>
              </dt>
              <dd>{s.does}</dd>
            </div>
          ))}
        </dl>
        <Form method="post" action="/logout">
          <button type="submit" className="button wide">
            Sign out
          </button>
        </Form>
      </div>
    </details>
  );
}
