import { redirect } from "react-router";
import type { Route } from "./+types/login";
import { AuthForm } from "../features/auth/auth-form";
import { getUser, submitAuthForm } from "../features/auth/auth.server";
import { pageTitle, useBranding } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "Sign in");

export async function loader({ request, context }: Route.LoaderArgs) {
  if (await getUser(request, context)) throw redirect("/");
  return null;
}

export function action({ request, context }: Route.ActionArgs) {
  return submitAuthForm(request, context, "/api/auth/login", ["email", "password"]);
}

export default function Login({ actionData }: Route.ComponentProps) {
  return <AuthForm mode="login" result={actionData} branding={useBranding()} />;
}
