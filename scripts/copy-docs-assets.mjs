// Copies Swagger UI's files out of node_modules into the API Worker's static assets, so
// /api/docs needs no CDN. Idempotent; run by `npm run build`, dev and tests.
import { copyFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

const require = createRequire(import.meta.url);
const source = dirname(require.resolve("swagger-ui-dist/package.json"));
const target = join(import.meta.dirname, "..", "build", "api-assets", "api", "docs");
mkdirSync(target, { recursive: true });
for (const file of ["swagger-ui.css", "swagger-ui-bundle.js"]) copyFileSync(join(source, file), join(target, file));
