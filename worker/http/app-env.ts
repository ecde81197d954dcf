/** The Hono generics of the API app: bindings plus what middleware puts on the context. */
import type { RequestIdVariables } from "hono/request-id";
import type { Config } from "../config/config";
import type { Env } from "../env";
import type { SessionUser } from "../auth/sessions";

export type AppEnv = {
  Bindings: Env;
  Variables: RequestIdVariables & {
    config: Config;
    /** Set by the session middleware when the request carries a valid session. */
    user?: SessionUser;
    sessionId?: string;
    authVia?: "cookie" | "bearer";
  };
};
