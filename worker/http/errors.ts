/**
 * The error envelope of SPEC §3 and the one error type handlers throw to produce it.
 * `onError` in worker/app.ts maps ApiError, HTTPException and ConfigError to the envelope and logs
 * anything else as a bug, answering a bare 500 without its message or stack.
 */
import { z } from "@hono/zod-openapi";

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 422 | 426 | 429 | 500 | 503;

export type ErrorDetail = { field?: string; message: string };

export class ApiError extends Error {
  constructor(
    readonly status: ErrorStatus,
    readonly code: string,
    message: string,
    readonly details?: ErrorDetail[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}

export const errorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "validation_failed" }),
      message: z.string(),
      details: z
        .array(z.object({ field: z.string().optional(), message: z.string() }))
        .optional(),
      requestId: z.string(),
    }),
  })
  .openapi("Error");

export type ErrorBody = z.infer<typeof errorSchema>;

export function errorBody(
  requestId: string,
  code: string,
  message: string,
  details?: ErrorDetail[],
): ErrorBody {
  return { error: { code, message, ...(details?.length ? { details } : {}), requestId } };
}

/** OpenAPI response entries for the given error statuses, so every route documents its failures. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]) {
  const descriptions: Record<ErrorStatus, string> = {
    400: "Malformed JSON or a field that fails validation (details name the fields)",
    401: "No valid session or token",
    403: "Not allowed (role, or a cross-site request)",
    404: "Not found (also for another user's resources)",
    409: "Conflicts with existing data",
    413: "Body larger than the limit",
    415: "Body is not application/json",
    422: "Well-formed but cannot be processed",
    426: "Needs a WebSocket upgrade",
    429: "Too many attempts; see Retry-After",
    500: "Server misconfigured (config_invalid) or an internal error",
    503: "A dependency is unavailable",
  };
  return Object.fromEntries(
    statuses.map((s) => [
      s,
      { description: descriptions[s], content: { "application/json": { schema: errorSchema } } },
    ]),
  ) as Record<S, { description: string; content: { "application/json": { schema: typeof errorSchema } } }>;
}
