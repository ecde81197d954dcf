/**
 * Every resource's sub-app is an OpenAPIHono made here, so validation failures everywhere become
 * the same 400 with one detail per field.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ZodError, ZodType } from "zod";
import { ApiError, type ErrorDetail } from "./errors";
import type { AppEnv } from "./app-env";

export function openApiApp() {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationError(result.error);
    },
  });
}

export function validationError(error: ZodError) {
  return invalidFields(error.issues.map((issue) => ({ field: issue.path.join(".") || undefined, message: issue.message })));
}

/** The 400 for fields that fail a check the schema cannot make (one that depends on configuration). */
export function invalidFields(details: ErrorDetail[]) {
  const summary = details.map((d) => (d.field ? `${d.field} ${d.message}` : d.message)).join("; ");
  return new ApiError(400, "validation_failed", `Invalid request: ${summary}`, details);
}

/** The `security` of every route that needs a signed-in caller (bearer token or session cookie). */
export const signedIn: Record<string, string[]>[] = [{ bearerAuth: [] }, { sessionCookie: [] }];

/** A route's JSON request body. */
export function jsonRequest<T extends ZodType>(schema: T, required = true) {
  return { body: { required, content: { "application/json": { schema } } } };
}

/** An OpenAPI response (or body) entry with a JSON schema. */
export function jsonContent<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}
