/** Archived conversations: open one, bring it back to the sidebar, or delete it. */
import { Link, useFetcher } from "react-router";
import type { Route } from "./+types/archived";
import type { SidebarConversation } from "../features/sidebar/recency";
import { api } from "../lib/api.server";
import { pageTitle } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "Archived");

export async function loader({ request, context }: Route.LoaderArgs) {
  const res = await api(request, context, "/api/conversations?archived=true&limit=100");
  return { items: res.ok ? ((await res.json()) as { items: SidebarConversation[] }).items : [], failed: !res.ok };
}

export default function Archived({ loaderData }: Route.ComponentProps) {
  const { items, failed } = loaderData;
  return (
    <section className="welcome">
      <h1>Archived conversations</h1>
      {failed ? <p className="form-error">The archive did not load. Reload to try again.</p> : null}
      {!failed && items.length === 0 ? <p className="muted">Nothing is archived. Archive a conversation from its menu in the sidebar.</p> : null}
      <ul className="archived-list">
        {items.map((c) => (
          <ArchivedRow key={c.id} conversation={c} />
        ))}
      </ul>
    </section>
  );
}

function ArchivedRow({ conversation }: { conversation: SidebarConversation }) {
  const fetcher = useFetcher<{ error?: string }>();
  if (fetcher.formData) return null; // on its way out of this list
  const act = (intent: string) => fetcher.submit({ intent }, { method: "post", action: `/conversations/${conversation.id}` });
  return (
    <li>
      <Link to={`/c/${conversation.id}`}>{conversation.title}</Link>
      <span className="muted small"> · {conversation.updatedAt.slice(0, 10)}</span>
      <span className="message-actions">
        <button type="button" className="link-button" onClick={() => act("unarchive")}>
          Unarchive
        </button>
        <button type="button" className="link-button danger" onClick={() => confirm(`Delete “${conversation.title}”? This cannot be undone.`) && act("delete")}>
          Delete
        </button>
      </span>
      {fetcher.data?.error ? <p className="field-error small">{fetcher.data.error}</p> : null}
    </li>
  );
}
