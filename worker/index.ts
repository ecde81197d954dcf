/** The API Worker's entry: the Hono app, built once per isolate (no I/O happens here). */
import { createApp } from "./app";
import type { Env } from "./env";

export { ConversationRoom } from "./chat/conversation-room";

const app = createApp();

export default app satisfies ExportedHandler<Env>;
