/** One search result: the conversation's title, who wrote the message, when, and the snippet with its matches marked. */
import { Link } from "react-router";
import { splitHighlights } from "./highlight";
import { relativeTime } from "./relative-time";
import type { SearchResult } from "../../../worker/shared/search";

export function hitHref(hit: Pick<SearchResult, "conversationId" | "messageId">) {
  return `/c/${encodeURIComponent(hit.conversationId)}?m=${encodeURIComponent(hit.messageId)}`;
}

export function SearchHitRow({ hit }: { hit: SearchResult }) {
  return (
    <li>
      <Link to={hitHref(hit)} className="search-hit">
        <span className="search-hit-head">
          <span className="search-hit-title">{hit.conversationTitle}</span>
          <time className="muted" dateTime={hit.createdAt} title={new Date(hit.createdAt).toLocaleString()}>
            {relativeTime(hit.createdAt)}
          </time>
        </span>
        <span className="search-hit-snippet">
          <span className="search-hit-role">{hit.role === "user" ? "You" : "Assistant"}</span>{" "}
          {splitHighlights(hit.snippet, hit.highlights).map((piece, i) => (piece.match ? <mark key={i}>{piece.text}</mark> : piece.text))}
        </span>
      </Link>
    </li>
  );
}
