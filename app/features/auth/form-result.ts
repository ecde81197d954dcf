/** Turns an API error into what the auth form shows: a message and per-field errors. */
import type { ApiErrorBody } from "../../lib/api.server";

export type FormResult = { message?: string; fields?: Record<string, string>; values?: Record<string, string> };

export async function formResultFrom(res: Response, values: Record<string, string>): Promise<FormResult> {
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  if (!body?.error) return { message: "The server could not be reached. Try again.", values };
  const fields: Record<string, string> = {};
  for (const detail of body.error.details ?? []) {
    if (detail.field && !fields[detail.field]) fields[detail.field] = `${capitalise(detail.field)} ${detail.message}`;
  }
  const message = Object.keys(fields).length > 0 ? undefined : body.error.message;
  return { message, fields, values };
}

function capitalise(text: string) {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
