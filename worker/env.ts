/**
 * The bindings the API Worker receives. Vars and secrets are untyped strings here on purpose:
 * worker/config/config.ts is the one place that parses them.
 */
import type { ConversationRoom } from "./chat/conversation-room";

export interface Env {
  DB: D1Database;
  KV: KVNamespace;
  ROOMS: DurableObjectNamespace<ConversationRoom>;
  ASSETS?: Fetcher;
  [setting: string]: unknown;
}
