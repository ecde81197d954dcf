/**
 * The message list. Virtualized (only the rows near the viewport are in the DOM, so thousands of
 * messages stay smooth), anchored to the end: while the reader is at the bottom, new messages and
 * arriving tokens keep it there; scrolled up, it stays put and a "Latest" button appears.
 *
 * The server render (and the first client render, which must match it) shows the newest few
 * messages in a column-reverse scroller, which browsers open at the bottom: the newest message is
 * painted before any JavaScript runs. After hydration the virtualizer takes over.
 */
import { useVirtualizer } from "@tanstack/react-virtual";
import { useLayoutEffect, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "../../lib/use-hydrated";
import { useMarkdownLoaded } from "./lazy-markdown";

const STATIC_TAIL = 12;
const ESTIMATED_ROW_PX = 140;

type Props = {
  keys: string[];
  renderRow: (key: string) => ReactNode;
  /** Called when the top of what is loaded comes into view. */
  onReachTop: () => void;
  top: ReactNode;
  empty: ReactNode;
  /** Changes when the person sends: the list goes to the end, wherever they had scrolled. */
  endSignal: number;
  /** A message opened by link: each new value scrolls it to the middle of the view. */
  focus: { id: string } | null;
};

export function MessageList(props: Props) {
  const hydrated = useHydrated();
  // Swapping the server's rows for virtual ones before the renderer arrives would flash plain text.
  const ready = useMarkdownLoaded() && hydrated;
  if (props.keys.length === 0) return <div className="messages messages-empty">{props.empty}</div>;
  return ready ? <VirtualList {...props} /> : <StaticTail {...props} />;
}

function StaticTail({ keys, renderRow }: Props) {
  const tail = keys.slice(-STATIC_TAIL).reverse();
  return (
    <div className="messages messages-static" role="list" aria-label="History">
      {tail.map((key) => (
        <div key={key} role="listitem" className="row">
          {renderRow(key)}
        </div>
      ))}
    </div>
  );
}

/** How long after jumping to a message older pages wait: one arriving mid-jump would shift its index. */
const FOCUS_SETTLE_MS = 1500;

function VirtualList({ keys, renderRow, onReachTop, top, endSignal, focus }: Props) {
  const scroller = useRef<HTMLDivElement>(null);
  const [atEnd, setAtEnd] = useState(true);
  // eslint-disable-next-line react-hooks/incompatible-library -- the virtualizer re-renders through its own state
  const virtualizer = useVirtualizer({
    count: keys.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_ROW_PX,
    getItemKey: (index) => keys[index]!,
    overscan: 6,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: 48,
  });

  // Stuck to the end until the reader scrolls up; a send of theirs sticks it again.
  const stick = useRef(true);
  const lastTop = useRef(0);
  useLayoutEffect(() => {
    stick.current = true;
    virtualizer.scrollToEnd();
  }, [virtualizer, endSignal]);
  const total = virtualizer.getTotalSize();
  useLayoutEffect(() => {
    if (stick.current) virtualizer.scrollToEnd();
  }, [virtualizer, keys.length, total]);

  // Jumps once per opening, not when the index later moves (older pages loading above it).
  const keysNow = useRef(keys);
  const settleUntil = useRef(0);
  useLayoutEffect(() => {
    keysNow.current = keys;
  });
  useLayoutEffect(() => {
    const index = focus ? keysNow.current.indexOf(focus.id) : -1;
    if (index < 0) return;
    stick.current = false;
    settleUntil.current = performance.now() + FOCUS_SETTLE_MS;
    virtualizer.scrollToIndex(index, { align: "center" });
  }, [virtualizer, focus]);

  const items = virtualizer.getVirtualItems();
  // Older pages load when the reader scrolls within a screen of the top (read from the element:
  // the virtualizer's own range may not have caught up with this scroll event yet).
  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    // From the element, not the virtualizer, whose offset may not have seen this event yet.
    const atEndNow = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    setAtEnd(atEndNow);
    if (atEndNow) stick.current = true;
    else if (el.scrollTop < lastTop.current - 2) stick.current = false;
    lastTop.current = el.scrollTop;
    if (el.scrollTop < el.clientHeight && performance.now() > settleUntil.current) onReachTop();
  };

  return (
    <div className="messages-frame">
      {top}
      <div
        ref={scroller}
        className="messages"
        role="list"
        aria-label="History"
        tabIndex={0}
        onScroll={onScroll}
      >
        <div className="messages-canvas" style={{ height: total }}>
          <div className="messages-window" style={{ transform: `translateY(${items[0]?.start ?? 0}px)` }}>
            {items.map((item) => (
              <div key={item.key} role="listitem" className="row" data-index={item.index} ref={virtualizer.measureElement}>
                {renderRow(keys[item.index]!)}
              </div>
            ))}
          </div>
        </div>
      </div>
      {atEnd ? null : (
        <button type="button" className="button jump-latest" onClick={() => virtualizer.scrollToEnd({ behavior: "smooth" })}>
          ↓ Latest
        </button>
      )}
    </div>
  );
}
