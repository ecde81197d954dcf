/** The branding the root loader fetched, for any component. */
import { useRouteLoaderData } from "react-router";
import { DEFAULT_BRANDING, type Branding } from "../../worker/branding/defaults";

export function useBranding(): Branding {
  const data = useRouteLoaderData("root") as { branding: Branding } | undefined;
  return data?.branding ?? DEFAULT_BRANDING;
}

/** A page title with the app's name, for route `meta` functions. */
export function pageTitle(matches: readonly unknown[], page?: string) {
  const root = matches[0] as { loaderData?: { branding?: Branding } } | undefined;
  const appName = root?.loaderData?.branding?.appName ?? DEFAULT_BRANDING.appName;
  return [{ title: page ? `${page} · ${appName}` : appName }];
}
