/** Wire shapes of the admin branding routes (the public ones return `Branding` itself). */
import { z } from "@hono/zod-openapi";
import { brandingSchema } from "./branding";
import { HISTORY_LENGTH } from "./versions";

const version = z.number().int().min(0);
const expectedVersion = version
  .optional()
  .openapi({ description: "The version this change is based on; when another has been saved since, the answer is 409 version_conflict" });

export const brandingUpdateSchema = brandingSchema.extend({ expectedVersion }).openapi("BrandingUpdate");

export const brandingRollbackSchema = z
  .object({
    toVersion: version.min(1).optional().openapi({ description: "The version whose content to restore; by default the one before the current" }),
    expectedVersion,
  })
  .openapi("BrandingRollback");

export const brandingVersionSchema = z
  .object({ version: version.openapi({ description: "0 until an admin saves" }), branding: brandingSchema })
  .openapi("BrandingVersion");

export const adminBrandingSchema = brandingVersionSchema
  .extend({
    history: z
      .array(
        z.object({
          version: version.min(1),
          savedAt: z.string().openapi({ format: "date-time" }),
          savedBy: z
            .object({ id: z.string(), email: z.string().optional().openapi({ description: "Absent once the account is deleted" }) })
            .nullable(),
          restoredFrom: version.min(1).optional().openapi({ description: "Set on a version made by a rollback" }),
        }),
      )
      .openapi({ description: `The last ${HISTORY_LENGTH} versions, newest first` }),
  })
  .openapi("AdminBranding");
