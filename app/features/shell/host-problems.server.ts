/** The model hosts that fail their readiness check, for the shell's notice. Never throws. */
import type { RouterContextProvider } from "react-router";
import { api } from "../../lib/api.server";
import type { HostProblem } from "./service-notice";

type Ready = { checks?: Record<string, { ok: boolean; error?: string; hint?: string }> };

export async function hostProblems(request: Request, context: Readonly<RouterContextProvider>): Promise<HostProblem[]> {
  try {
    const res = await api(request, context, "/health/ready");
    const body = (await res.json()) as Ready;
    return Object.entries(body.checks ?? {})
      .filter(([name, check]) => name.startsWith("ollama:") && !check.ok)
      .map(([name, check]) => ({ name, error: check.error, hint: check.hint }));
  } catch {
    return [];
  }
}
