/**
 * The document: branding (name, colours) comes from the API in the root loader and is written
 * into the first HTML, so the page never flashes the default look.
 */
import { isRouteErrorResponse, Links, Meta, Outlet, Scripts, ScrollRestoration } from "react-router";
import type { Route } from "./+types/root";
import { DEFAULT_BRANDING, HEX_COLOUR, type Branding } from "../worker/branding/defaults";
import { api } from "./lib/api.server";
import { useNonce } from "./lib/nonce";
import { useBranding } from "./lib/use-branding";
import { themeFromCookie, useTheme } from "./features/theme/theme";
// Inlined into every page (about 5 KB gzip): no render-blocking stylesheet request before the
// first paint, and replies rendered by the server are styled before the Markdown chunk arrives.
import appCss from "./styles/app.css?inline";
import markdownCss from "./features/markdown/markdown.css?inline";


export async function loader({ request, context }: Route.LoaderArgs) {
  const res = await api(request, context, "/api/branding").catch(() => null);
  const branding = res?.ok ? ((await res.json()) as Branding) : DEFAULT_BRANDING;
  return { branding, theme: themeFromCookie(request.headers.get("cookie")) };
}


function themeCss(branding: Branding) {
  // Colours are validated by the API; checked again because this text lands in a <style>.
  const primary = HEX_COLOUR.test(branding.primaryColor) ? branding.primaryColor : DEFAULT_BRANDING.primaryColor;
  const accent = HEX_COLOUR.test(branding.accentColor) ? branding.accentColor : DEFAULT_BRANDING.accentColor;
  return `:root{--primary:${primary};--accent:${accent}}`;
}

export function Layout({ children }: { children: React.ReactNode }) {
  const branding = useBranding();
  const nonce = useNonce();
  const theme = useTheme();
  return (
    <html lang="en" data-theme={theme === "system" ? undefined : theme}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <Meta />
        <Links />
        {branding.faviconUrl ? <link rel="icon" href={branding.faviconUrl} /> : <link rel="icon" href="/favicon.svg" type="image/svg+xml" />}
        <style nonce={nonce} suppressHydrationWarning>
          {appCss + markdownCss + themeCss(branding)}
        </style>
      </head>
      <body>
        {children}
        <ScrollRestoration nonce={nonce} />
        <Scripts nonce={nonce} />
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary({ error }: Route.ErrorBoundaryProps) {
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const [title, text] =
    status === 404
      ? ["Page not found", "There is nothing at this address."]
      : status === 403
        ? ["Administrators only", "This page is for the administrators of this MARIE."]
        : ["Something went wrong", "Reload the page, or try again in a moment."];
  return (
    <main className="centered">
      <div className="card" role="alert">
        <h1>{title}</h1>
        <p>{text}</p>
        <a className="button" href="/">
          Go home
        </a>
      </div>
    </main>
  );
}
