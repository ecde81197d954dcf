/** Admin: models (filled in by the admin console work). */
import { openApiApp } from "../http/openapi-app";

export const adminModelsRoutes = openApiApp();
