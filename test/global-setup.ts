// Node side of the worker tests: starts the stub model host the Worker under test talks to.
import type { TestProject } from "vitest/node";
import { startOllamaStub } from "./stubs/ollama-stub";

declare module "vitest" {
  export interface ProvidedContext {
    ollamaUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const ollama = await startOllamaStub();
  project.provide("ollamaUrl", ollama.url);
  return () => ollama.close();
}
