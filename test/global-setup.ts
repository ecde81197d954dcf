// Node side of the worker tests: starts the stub model hosts the Worker under test talks to.
import type { TestProject } from "vitest/node";
import { startOllamaStub } from "./stubs/ollama-stub";
import { startOpenAiStub } from "./stubs/openai-stub";

declare module "vitest" {
  export interface ProvidedContext {
    ollamaUrl: string;
    refusingOllamaUrl: string;
    openaiUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const ollama = await startOllamaStub();
  const refusing = await startOllamaStub({ refuse: true });
  const openai = await startOpenAiStub({ apiKey: "sk-test-stub" });
  project.provide("ollamaUrl", ollama.url);
  project.provide("refusingOllamaUrl", refusing.url);
  project.provide("openaiUrl", `${openai.url}/v1`);
  return async () => {
    await ollama.close();
    await refusing.close();
    await openai.close();
  };
}
