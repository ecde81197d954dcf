/** The API Worker's entry: the Hono app, built once per isolate (no I/O happens here). */
import { createApp } from "./app";

const app = createApp();

export default app satisfies ExportedHandler<import("./env").Env>;
