/** Three buttons in the account menu: System, Light, Dark. */
import { useFetcher } from "react-router";
import { THEMES, useTheme } from "./theme";

const LABEL = { system: "System", light: "Light", dark: "Dark" } as const;

export function ThemeSwitch() {
  const fetcher = useFetcher();
  const current = useTheme();
  return (
    <fetcher.Form method="post" action="/theme" className="theme-switch" role="group" aria-label="Theme">
      {THEMES.map((theme) => (
        <button key={theme} type="submit" name="theme" value={theme} className="button small-button" aria-pressed={current === theme}>
          {LABEL[theme]}
        </button>
      ))}
    </fetcher.Form>
  );
}
