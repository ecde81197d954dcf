/** Admin: branding (filled in by the admin console work). */
import { openApiApp } from "../http/openapi-app";

export const adminBrandingRoutes = openApiApp();
