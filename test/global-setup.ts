// Node side of the worker tests: starts the stub model hosts and the OpenSearch stub the Worker
// under test talks to, and runs the OpenSearch setup script (which needs Node) for the tests to check.
import type { TestProject } from "vitest/node";
import { searchSetup, type SetupResult } from "../scripts/search-setup";
import { startOllamaStub } from "./stubs/ollama-stub";
import { startOpenAiStub } from "./stubs/openai-stub";
import { startOpenSearchStub } from "./stubs/opensearch-stub";

/** What `searchSetup` did against a cluster, for test/worker/search/opensearch-setup.test.ts and -real.test.ts. */
export type SetupRun = { url: string; auth: string; index: string; pipeline: string; dimensions: number; results: SetupResult[]; log: string[]; error: string | null };

declare module "vitest" {
  export interface ProvidedContext {
    ollamaUrl: string;
    refusingOllamaUrl: string;
    openaiUrl: string;
    opensearchUrl: string;
    opensearchAuth: string;
    opensearchSetupRuns: { stub: SetupRun; real: SetupRun | null };
  }
}

const OPENSEARCH_STUB_AUTH = "marie:stub-password";

export default async function setup(project: TestProject) {
  const ollama = await startOllamaStub();
  const refusing = await startOllamaStub({ refuse: true });
  const openai = await startOpenAiStub({ apiKey: "sk-test-stub" });
  const opensearch = await startOpenSearchStub({ auth: OPENSEARCH_STUB_AUTH });
  project.provide("ollamaUrl", ollama.url);
  project.provide("refusingOllamaUrl", refusing.url);
  project.provide("openaiUrl", `${openai.url}/v1`);
  project.provide("opensearchUrl", opensearch.url);
  project.provide("opensearchAuth", OPENSEARCH_STUB_AUTH);
  // Twice against the stub: the second run must change nothing.
  const stubRun = await runSetup({ url: opensearch.url, auth: OPENSEARCH_STUB_AUTH, index: "setup-check", pipeline: "setup-check-pipeline", dimensions: 768 }, 2);
  // Once against a real cluster when one is named, with throwaway names removed afterwards.
  const realUrl = process.env.REAL_OPENSEARCH_URL;
  const realName = `marie-test-${Date.now().toString(36)}`;
  const realRun = realUrl ? await runSetup({ url: realUrl, auth: process.env.REAL_OPENSEARCH_AUTH ?? "", index: realName, pipeline: realName, dimensions: 8 }, 1) : null;
  project.provide("opensearchSetupRuns", { stub: stubRun, real: realRun });
  return async () => {
    if (realRun) await removeRealSetup(realRun);
    await ollama.close();
    await refusing.close();
    await openai.close();
    await opensearch.close();
  };
}

async function runSetup(target: Omit<SetupRun, "results" | "log" | "error">, times: number): Promise<SetupRun> {
  const run: SetupRun = { ...target, results: [], log: [], error: null };
  try {
    for (let i = 0; i < times; i++) run.results.push(await searchSetup({ ...target, auth: target.auth || undefined, log: (line) => run.log.push(line) }));
  } catch (err) {
    run.error = err instanceof Error ? err.message : String(err);
  }
  return run;
}

async function removeRealSetup(run: SetupRun) {
  const headers: Record<string, string> = run.auth ? { authorization: `Basic ${Buffer.from(run.auth).toString("base64")}` } : {};
  const base = run.url.replace(/\/+$/, "");
  for (const path of [`/${run.index}`, `/_search/pipeline/${run.pipeline}`]) {
    await fetch(`${base}${path}`, { method: "DELETE", headers }).catch(() => undefined);
  }
}
