/**
 * Request bodies: at most MAX_BODY_BYTES (413), JSON only (415), and well-formed (400) before any
 * route sees them. The parsed body is cached by Hono, so route validators reuse it.
 */
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "./errors";
import type { AppEnv } from "./app-env";

export function jsonBody(): MiddlewareHandler<AppEnv> {
  return async function jsonBodyGuard(c, next) {
    if (!hasBody(c.req.raw)) return next();
    const limit = bodyLimit({
      maxSize: c.get("config").MAX_BODY_BYTES,
      onError: () => {
        throw new ApiError(413, "payload_too_large", `Body exceeds ${c.get("config").MAX_BODY_BYTES} bytes`);
      },
    });
    return limit(c, async () => {
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/([\w.+-]+\+)?json\s*(;|$)/i.test(type)) {
        throw new ApiError(415, "unsupported_media_type", "Send the body as application/json");
      }
      try {
        await c.req.json();
      } catch {
        throw new ApiError(400, "invalid_json", "The body is not valid JSON");
      }
      await next();
    });
  };
}

function hasBody(req: Request): boolean {
  const length = req.headers.get("content-length");
  if (length !== null) return Number(length) > 0;
  return req.body !== null && req.headers.has("transfer-encoding");
}
