/**
 * Acting on every conversation room of one person (erasing them, or closing their sockets), a few
 * at a time: quick for thousands of conversations without opening thousands of calls at once.
 * Used by erase-user.ts and user-changes.ts.
 */
import { eq } from "drizzle-orm";
import { room } from "../chat/rooms";
import { database } from "../db/client";
import { conversations } from "../db/schema";
import type { Env } from "../env";

/** Rooms acted on at once. */
export const ROOM_CONCURRENCY = 8;

export async function forEachRoomOf(env: Env, userId: string, act: (stub: ReturnType<typeof room>) => Promise<unknown>) {
  const rows = await database(env.DB).select({ id: conversations.id }).from(conversations).where(eq(conversations.userId, userId));
  await eachLimited(rows, ROOM_CONCURRENCY, ({ id }) => act(room(env, id)));
}

/** Runs `task` over `items`, at most `limit` at a time; the first failure rejects. */
export async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<unknown>) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
