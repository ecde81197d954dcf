import { reactRouter } from "@react-router/dev/vite";
import { defineConfig } from "vite";

// The Pages build: no Cloudflare Vite plugin (that targets Workers). Packages stay external in the
// server build, so `wrangler pages` bundles one copy of react-router for it and app/functions
// (two copies break React Router's context checks).
export default defineConfig({
  plugins: [reactRouter()],
  ssr: {
    target: "webworker",
    resolve: { conditions: ["workerd", "worker", "browser"], externalConditions: ["workerd", "worker"] },
  },
  build: { minify: true },
});
