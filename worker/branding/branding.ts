/**
 * The white-label settings' schema (what an admin may save) and how a stored version reads:
 * field by field over the defaults, so a version saved before a field existed, or under looser
 * rules, still shows everything it validly set. Storage is in versions.ts.
 */
import { z } from "@hono/zod-openapi";
import { ASSET_PATH } from "./assets";
import { DEFAULT_BRANDING, HEX_COLOUR, type Branding } from "./defaults";

const color = z.string().regex(HEX_COLOUR, "must be a colour like #4f46e5");

const hasProtocol = (value: string, protocols: string[]) => URL.canParse(value) && protocols.includes(new URL(value).protocol);

const imageUrl = z
  .string()
  .max(2048, "must be at most 2048 characters")
  .refine((v) => hasProtocol(v, ["https:"]) || ASSET_PATH.test(v), "must be an https: URL or the URL an image upload returned")
  .nullable();

const legalLink = z
  .object({
    label: z.string().trim().min(1, "must not be empty").max(60, "must be at most 60 characters"),
    url: z
      .string()
      .max(2048, "must be at most 2048 characters")
      .refine((v) => hasProtocol(v, ["https:", "mailto:"]), "must be an https: or mailto: URL"),
  })
  .openapi("LegalLink");

export const brandingSchema = z
  .object({
    appName: z.string().trim().min(1, "must not be empty").max(60, "must be at most 60 characters"),
    tagline: z.string().max(200, "must be at most 200 characters"),
    logoUrl: imageUrl.openapi({ description: "An https: URL, or the `url` of `POST /api/admin/branding/assets`" }),
    faviconUrl: imageUrl.openapi({ description: "Same forms as logoUrl" }),
    primaryColor: color.openapi({ example: "#4f46e5" }),
    accentColor: color.openapi({ example: "#0ea5e9" }),
    welcomeText: z.string().max(2000, "must be at most 2000 characters"),
    suggestedPrompts: z
      .array(z.string().trim().min(1, "must not be empty").max(200, "must be at most 200 characters"))
      .max(6, "must have at most 6 prompts"),
    footerText: z.string().max(500, "must be at most 500 characters"),
    legalLinks: z.array(legalLink).max(5, "must have at most 5 links"),
  })
  .openapi("Branding") satisfies z.ZodType<Branding>;

export type { Branding };
export { DEFAULT_BRANDING };

/** A stored version's content over the defaults; a field that no longer validates keeps its default. */
export function withDefaults(stored: unknown): Branding {
  const record = typeof stored === "object" && stored !== null ? (stored as Record<string, unknown>) : {};
  const merged: Record<string, unknown> = { ...DEFAULT_BRANDING };
  for (const [key, field] of Object.entries(brandingSchema.shape)) {
    const parsed = key in record ? field.safeParse(record[key]) : undefined;
    if (parsed?.success) merged[key] = parsed.data;
  }
  return merged as Branding;
}

/** The names of the fields whose values differ, for the audit log (names only, never values). */
export function changedFields(before: Branding, after: Branding): string[] {
  return (Object.keys(brandingSchema.shape) as (keyof Branding)[]).filter(
    (key) => JSON.stringify(before[key]) !== JSON.stringify(after[key]),
  );
}
