/**
 * "Sources" under a reply that drew on the person's other conversations ("use my history"):
 * each numbered passage links to the message it came from. Titles and snippets are plain text.
 */
import { useId } from "react";
import { Link } from "react-router";
import type { Citation } from "../../../worker/shared/protocol";

export function Citations({ citations }: { citations: Citation[] }) {
  const id = useId();
  return (
    <section className="citations" aria-labelledby={`${id}-title`}>
      <p className="citations-title" id={`${id}-title`}>
        Sources
      </p>
      <ol className="citation-list">
        {citations.map((c) => (
          <li key={`${c.n}-${c.messageId}`}>
            <Link to={`/c/${encodeURIComponent(c.conversationId)}?m=${encodeURIComponent(c.messageId)}`} aria-describedby={`${id}-${c.n}`}>
              [{c.n}] {c.conversationTitle}
            </Link>
            <span id={`${id}-${c.n}`} className="citation-snippet muted">
              {c.snippet}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
