/** Saves the theme choice in a cookie (action only). */
import { data } from "react-router";
import type { Route } from "./+types/theme";
import { THEMES, themeCookie } from "../features/theme/theme";

export async function action({ request }: Route.ActionArgs) {
  const form = await request.formData().catch(() => null);
  const theme = THEMES.find((t) => t === form?.get("theme"));
  if (!theme) return data({ error: "Choose system, light or dark." }, { status: 400 });
  const secure = new URL(request.url).protocol === "https:";
  return data({ theme }, { headers: { "set-cookie": themeCookie(theme, secure) } });
}
