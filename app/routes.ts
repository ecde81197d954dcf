import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  layout("routes/app-layout.tsx", [
    index("routes/home.tsx"),
    route("c/:id", "routes/chat.tsx"),
    route("archived", "routes/archived.tsx"),
    route("admin", "routes/admin/layout.tsx", [
      index("routes/admin/index.ts"),
      route("branding", "routes/admin/branding.tsx"),
      route("users", "routes/admin/users.tsx"),
      route("models", "routes/admin/models.tsx"),
      route("usage", "routes/admin/usage.tsx"),
    ]),
  ]),
  route("conversations/:id", "routes/conversation-actions.ts"),
  route("theme", "routes/theme.ts"),
  route("login", "routes/login.tsx"),
  route("register", "routes/register.tsx"),
  route("logout", "routes/logout.tsx"),
] satisfies RouteConfig;
