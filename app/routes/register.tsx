import { redirect } from "react-router";
import type { Route } from "./+types/register";
import { AuthForm } from "../features/auth/auth-form";
import { getUser, submitAuthForm } from "../features/auth/auth.server";
import { pageTitle, useBranding } from "../lib/use-branding";

export const meta: Route.MetaFunction = ({ matches }) => pageTitle(matches, "Create account");

export async function loader({ request, context }: Route.LoaderArgs) {
  if (await getUser(request, context)) throw redirect("/");
  return null;
}

export function action({ request, context }: Route.ActionArgs) {
  return submitAuthForm(request, context, "/api/auth/register", ["name", "email", "password"]);
}

export default function Register({ actionData }: Route.ComponentProps) {
  return <AuthForm mode="register" result={actionData} branding={useBranding()} />;
}
