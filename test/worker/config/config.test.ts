import { createExecutionContext, env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { ConfigError, getConfig } from "../../../worker/config/config";
import worker from "../../../worker/index";

function configError(settings: Record<string, string>) {
  try {
    getConfig({ ...settings });
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error("expected a ConfigError");
}

describe("configuration", () => {
  it("works on defaults outside production", () => {
    const config = getConfig({ ENVIRONMENT: "development" });
    expect(config.OLLAMA_HOSTS).toEqual(["http://127.0.0.1:11434"]);
    expect(config.OPENSEARCH_URL).toBeUndefined();
    expect(config.JWT_SECRET.length).toBeGreaterThanOrEqual(32);
  });

  it("parses comma lists and numbers, treating blank values as unset", () => {
    const config = getConfig({
      ENVIRONMENT: "development",
      OLLAMA_HOSTS: " http://gpu-1:11434 , http://gpu-2:11434 ",
      OPENAI_MODELS: "gpt-4o-mini,gpt-4o",
      OPENAI_API_KEY: "",
      LOGIN_MAX_FAILURES: "7",
    });
    expect(config.OLLAMA_HOSTS).toEqual(["http://gpu-1:11434", "http://gpu-2:11434"]);
    expect(config.OPENAI_MODELS).toEqual(["gpt-4o-mini", "gpt-4o"]);
    expect(config.OPENAI_API_KEY).toBeUndefined();
    expect(config.LOGIN_MAX_FAILURES).toBe(7);
  });

  it.each([
    ["OLLAMA_HOSTS", { OLLAMA_HOSTS: "http://ok:1,not a url" }],
    ["ALLOWED_ORIGINS", { ALLOWED_ORIGINS: "https://chat.example.com/path" }],
    ["LOGIN_MAX_FAILURES", { LOGIN_MAX_FAILURES: "many" }],
    ["ENVIRONMENT", { ENVIRONMENT: "staging" }],
    ["JWT_SECRET", { ENVIRONMENT: "production" }],
    ["JWT_SECRET", { ENVIRONMENT: "production", JWT_SECRET: "short" }],
  ])("names %s when it is wrong", (setting, settings) => {
    const err = configError(settings);
    expect(err.issues.map((i) => i.setting)).toContain(setting);
    expect(err.message).toContain(setting);
  });

  it("answers API requests with 500 config_invalid naming the setting, without the secret or a stack", async () => {
    const secret = "s3cr3t-value-that-must-never-appear-anywhere";
    const res = await worker.fetch(
      new Request("http://marie.test/api/auth/me"),
      { ...env, OPENSEARCH_URL: "not a url", OPENAI_API_KEY: secret },
      createExecutionContext(),
    );
    expect(res.status).toBe(500);
    const text = await res.text();
    const body = JSON.parse(text) as { error: { code: string; message: string; details: { field: string }[] } };
    expect(body.error.code).toBe("config_invalid");
    expect(body.error.details.map((d) => d.field)).toEqual(["OPENSEARCH_URL"]);
    expect(text).not.toContain(secret);
    expect(text).not.toMatch(/\.ts:\d+|at \w+ \(/);
  });
});

describe("configuration edge cases", () => {
  it("reads numbers and booleans from wrangler.toml [vars] as their text", () => {
    const config = getConfig({ ENVIRONMENT: "development", LOGIN_MAX_FAILURES: 3, REGISTRATION_OPEN: false });
    expect(config.LOGIN_MAX_FAILURES).toBe(3);
    expect(config.REGISTRATION_OPEN).toBe(false);
  });

  it("normalises an allowed origin written with a trailing slash", () => {
    expect(getConfig({ ENVIRONMENT: "development", ALLOWED_ORIGINS: "https://chat.example.com/" }).ALLOWED_ORIGINS).toEqual([
      "https://chat.example.com",
    ]);
  });

  it("refuses host lists that are blank or carry credentials", () => {
    expect(configError({ ENVIRONMENT: "development", OLLAMA_HOSTS: " , " }).issues[0]?.setting).toBe("OLLAMA_HOSTS");
    const leaky = configError({ ENVIRONMENT: "development", OLLAMA_HOSTS: "http://user:secret@gpu:11434" });
    expect(leaky.message).toContain("OLLAMA_HOSTS");
    expect(leaky.message).not.toContain("secret");
  });
});
