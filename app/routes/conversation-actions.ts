/** The sidebar's changes to one conversation: rename, pin, archive, delete (action only). */
import type { Route } from "./+types/conversation-actions";
import { api, type ApiErrorBody } from "../lib/api.server";

const CHANGES: Record<string, (form: FormData) => Record<string, unknown>> = {
  rename: (form) => ({ title: String(form.get("title") ?? "") }),
  pin: () => ({ pinned: true }),
  unpin: () => ({ pinned: false }),
  archive: () => ({ archived: true }),
  unarchive: () => ({ archived: false }),
};

export async function action({ request, context, params }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const intent = String(form?.get("intent") ?? "");
  const path = `/api/conversations/${encodeURIComponent(params.id)}`;
  const change = CHANGES[intent];
  if (intent !== "delete" && !change) return { error: "Unknown change." };
  const res = await api(request, context, path, intent === "delete" ? { method: "DELETE" } : { method: "PATCH", json: change!(form!) });
  if (res.ok) return { ok: true };
  const body = (await res.json().catch(() => null)) as ApiErrorBody | null;
  return { error: body?.error.details?.[0]?.message ?? body?.error.message ?? "That did not work. Try again." };
}
