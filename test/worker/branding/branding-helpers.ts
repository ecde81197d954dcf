/** Branding test data: a full branding to save, and small real images to upload. */
import { DEFAULT_BRANDING, type Branding } from "../../../worker/branding/defaults";
import { call } from "../helpers";

export function brandingWith(overrides: Partial<Branding> = {}): Branding {
  return { ...DEFAULT_BRANDING, ...overrides };
}

type Auth = Record<string, string>;

export function putBranding(auth: Auth, body: Record<string, unknown>) {
  return call("/api/admin/branding", { method: "PUT", headers: auth, json: body });
}

export async function adminView(auth: Auth) {
  const res = await call("/api/admin/branding", { headers: auth });
  return (await res.json()) as {
    version: number;
    branding: Branding;
    history: { version: number; savedAt: string; savedBy: { id: string; email?: string } | null; restoredFrom?: number }[];
  };
}

/** A 1×1 PNG. */
export const PNG_BASE64 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

export function toBase64(bytes: Uint8Array) {
  return btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
}

export function fromBase64(base64: string) {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}
