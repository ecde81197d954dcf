/**
 * The message tree: edits and regenerations make siblings under one parent. The branch on screen
 * follows the person's choices (‹ 2/3 ›) and, where they made none, the newest reply.
 */
import type { StoredMessage } from "../../../worker/shared/protocol";

export const ROOT = "";

type Node = Pick<StoredMessage, "id" | "parentId" | "createdAt">;

export type Tree = {
  parent: Map<string, string | null>;
  /** Children of each parent id (ROOT for top-level messages), oldest first. */
  children: Map<string, string[]>;
  /** The newest createdAt anywhere below (and including) each message. */
  newest: Map<string, string>;
};

export function buildTree(messages: Iterable<Node>): Tree {
  const sorted = [...messages].sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
  const children = new Map<string, string[]>();
  const newest = new Map<string, string>();
  const parent = new Map<string, string | null>();
  for (const m of sorted) {
    parent.set(m.id, m.parentId);
    const key = m.parentId ?? ROOT;
    const list = children.get(key);
    if (list) list.push(m.id);
    else children.set(key, [m.id]);
  }
  // Children are always newer than their parent, so walking newest-first finishes a subtree
  // before its parent is reached.
  for (let i = sorted.length - 1; i >= 0; i--) {
    const m = sorted[i]!;
    const own = newest.get(m.id) ?? m.createdAt;
    newest.set(m.id, own);
    if (m.parentId) {
      const up = newest.get(m.parentId);
      if (!up || own > up) newest.set(m.parentId, own);
    }
  }
  return { parent, children, newest };
}

/**
 * The ids on screen, oldest first. `choices` maps a parent id to the child the person picked.
 * A parent that is not loaded yet (older history) makes its child the top of the branch.
 */
export function branchIds(tree: Tree, choices: ReadonlyMap<string, string>, roots: string[]): string[] {
  const ids: string[] = [];
  let key: string | undefined = pick(tree, choices, ROOT, roots);
  // A top whose parent is paged out still honours the choice among its versions.
  const pagedOutParent = key ? tree.parent.get(key) : null;
  if (pagedOutParent) key = pick(tree, choices, pagedOutParent, tree.children.get(pagedOutParent) ?? []);
  while (key) {
    ids.push(key);
    key = pick(tree, choices, key, tree.children.get(key) ?? []);
  }
  return ids;
}

function pick(tree: Tree, choices: ReadonlyMap<string, string>, parent: string, candidates: string[]) {
  const chosen = choices.get(parent);
  if (chosen && candidates.includes(chosen)) return chosen;
  let best: string | undefined;
  for (const id of candidates) if (!best || tree.newest.get(id)! > tree.newest.get(best)!) best = id;
  return best;
}

/** Messages whose parent is not loaded: the tops of what we have (real roots or paged-out parents). */
export function topIds(messages: ReadonlyMap<string, Node>, tree: Tree): string[] {
  const tops = [...(tree.children.get(ROOT) ?? [])];
  for (const [parent, kids] of tree.children) if (parent !== ROOT && !messages.has(parent)) tops.push(...kids);
  return tops;
}

/** Position among siblings, for the ‹ i/n › control. */
export function siblingsOf(tree: Tree, message: Node) {
  const siblings = tree.children.get(message.parentId ?? ROOT) ?? [message.id];
  return { siblings, index: siblings.indexOf(message.id) };
}

/**
 * The choices that put `id` on screen: at each fork on its way up, the child leading to it. Where
 * its ancestors are paged out, the highest loaded one becomes the chosen top (ROOT's choice), as
 * well as its paged-out parent's, so the choice still holds once that parent is loaded.
 */
export function choicesToShow(tree: Tree, id: string): [parentKey: string, childId: string][] {
  const path: [string, string][] = [];
  let node = id;
  while (tree.parent.has(node)) {
    const parent = tree.parent.get(node) ?? null;
    if (parent === null) {
      path.push([ROOT, node]);
      break;
    }
    path.push([parent, node]);
    if (!tree.parent.has(parent)) {
      path.push([ROOT, node]);
      break;
    }
    node = parent;
  }
  return path;
}
