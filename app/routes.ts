import { type RouteConfig, index, layout, route } from "@react-router/dev/routes";

export default [
  layout("routes/app-layout.tsx", [index("routes/home.tsx"), route("c/:id", "routes/chat.tsx"), route("archived", "routes/archived.tsx")]),
  route("conversations/:id", "routes/conversation-actions.ts"),
  route("theme", "routes/theme.ts"),
  route("login", "routes/login.tsx"),
  route("register", "routes/register.tsx"),
  route("logout", "routes/logout.tsx"),
] satisfies RouteConfig;
