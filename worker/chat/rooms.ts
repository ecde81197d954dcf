/** The Durable Object stub of a conversation's room (one per conversation id). */
import type { Env } from "../env";

export function room(env: Env, conversationId: string) {
  return env.ROOMS.get(env.ROOMS.idFromName(conversationId));
}
