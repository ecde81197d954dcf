/**
 * White-label settings. Admins will edit them (KV key `branding:current`); until then, and
 * whenever the stored value is unreadable, the defaults in defaults.ts apply.
 */
import { z } from "@hono/zod-openapi";
import { DEFAULT_BRANDING, type Branding } from "./defaults";

const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, "must be a colour like #4f46e5");

export const brandingSchema = z
  .object({
    appName: z.string().min(1).max(60),
    tagline: z.string().max(200),
    logoUrl: z.string().max(2048).nullable(),
    primaryColor: color,
    accentColor: color,
    welcomeText: z.string().max(2000),
  })
  .openapi("Branding") satisfies z.ZodType<Branding>;

export type { Branding };
export { DEFAULT_BRANDING };

export const BRANDING_KEY = "branding:current";

export async function readBranding(kv: KVNamespace): Promise<Branding> {
  const stored = await kv.get(BRANDING_KEY, "json").catch(() => null);
  const parsed = brandingSchema.partial().safeParse(stored ?? {});
  return { ...DEFAULT_BRANDING, ...(parsed.success ? parsed.data : {}) };
}
