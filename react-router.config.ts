import type { Config } from "@react-router/dev/config";

// Server-rendered on Cloudflare Pages: app/functions/[[path]].ts serves build/server.
export default {
  appDirectory: "app",
  buildDirectory: "build",
  ssr: true,
} satisfies Config;
