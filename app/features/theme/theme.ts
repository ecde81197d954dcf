/**
 * Light, dark or the system's choice, remembered in a cookie so the server renders the right
 * theme into the first HTML (no flash). "system" leaves it to prefers-color-scheme.
 */
import { useFetchers, useRouteLoaderData } from "react-router";

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

const COOKIE = "marie_theme";

export function themeFromCookie(header: string | null): Theme {
  const match = header?.match(/(?:^|;\s*)marie_theme=(\w+)/);
  return THEMES.find((t) => t === match?.[1]) ?? "system";
}

export function themeCookie(theme: Theme, secure: boolean) {
  return `${COOKIE}=${theme}; Path=/; Max-Age=31536000; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** The theme in effect, including one being saved right now. */
export function useTheme(): Theme {
  const saved = (useRouteLoaderData("root") as { theme?: Theme } | undefined)?.theme ?? "system";
  const saving = useFetchers().find((f) => f.formAction === "/theme")?.formData?.get("theme");
  return THEMES.find((t) => t === saving) ?? saved;
}
