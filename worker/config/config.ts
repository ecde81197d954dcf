/**
 * Every var and secret MARIE reads (SPEC §2), in one zod schema parsed once per isolate.
 * A bad value becomes a ConfigError that names the setting; the app answers 500 `config_invalid`.
 */
import { z } from "zod";

const DEV_JWT_SECRET = "marie-dev-secret-do-not-use-in-production-0000";

const list = (item: z.ZodType<string, string>) =>
  z
    .string()
    .default("")
    .transform((raw) => raw.split(",").map((s) => s.trim()).filter(Boolean))
    .pipe(z.array(item));

const httpUrl = z.url({ protocol: /^https?$/, error: "must be an http(s) URL" });
// Host addresses are shown in readiness checks and the UI, so they must not carry credentials.
const hostUrl = httpUrl.refine((u) => !URL.canParse(u) || (!new URL(u).username && !new URL(u).password), {
  error: "must not contain a user name or password",
});
const origin = httpUrl
  .refine((u) => !URL.canParse(u) || new URL(u).origin === u.replace(/\/$/, ""), {
    error: "must be an origin such as https://chat.example.com (no path)",
  })
  .transform((u) => new URL(u).origin);
const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const configSchema = z
  .object({
    ENVIRONMENT: z.enum(["development", "test", "production"]).default("production"),
    OLLAMA_HOSTS: list(hostUrl)
      .pipe(z.array(z.string()).min(1, "must name at least one host"))
      .default(["http://127.0.0.1:11434"]),
    OPENAI_API_KEY: z.string().min(1).optional(),
    OPENAI_BASE_URL: httpUrl.default("https://api.openai.com/v1"),
    OPENAI_MODELS: list(z.string().min(1)),
    OPENSEARCH_URL: httpUrl.optional(),
    OPENSEARCH_AUTH: z.string().min(1).optional(),
    OPENSEARCH_INDEX: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,200}$/, "must be a lowercase OpenSearch index name").default("marie-messages"),
    OPENSEARCH_PIPELINE: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, "must be a search pipeline name").default("marie-hybrid"),
    EMBEDDING_MODEL: z.string().min(1).default("nomic-embed-text"),
    /** Who serves EMBEDDING_MODEL: the Ollama hosts, or the OpenAI-compatible API. */
    EMBEDDING_PROVIDER: z.enum(["ollama", "openai"]).default("ollama"),
    JWT_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    ALLOWED_ORIGINS: list(origin),
    REGISTRATION_OPEN: z.enum(["true", "false"]).default("true").transform((v) => v === "true"),
    SESSION_TTL_DAYS: int(1, 365, 30),
    LOGIN_MAX_FAILURES: int(1, 100, 5),
    REGISTRATIONS_PER_HOUR: int(1, 100_000, 20),
    LOGIN_WINDOW_SECONDS: int(10, 86_400, 900),
    MAX_BODY_BYTES: int(1_024, 10_485_760, 262_144),
    MAX_MESSAGE_CHARS: int(1, 1_000_000, 32_000),
    MODEL_CONTEXT_TOKENS: int(512, 1_048_576, 8_192),
    MODEL_REPLY_TOKENS: int(64, 262_144, 1_024),
  })
  .transform((c, ctx) => {
    if (c.JWT_SECRET) return { ...c, JWT_SECRET: c.JWT_SECRET };
    if (c.ENVIRONMENT === "development") return { ...c, JWT_SECRET: DEV_JWT_SECRET };
    ctx.addIssue({ code: "custom", path: ["JWT_SECRET"], message: "is required outside development" });
    return z.NEVER;
  });

export type Config = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly issues: { setting: string; message: string }[]) {
    super(`Invalid configuration: ${issues.map((i) => `${i.setting} ${i.message}`).join("; ")}`);
  }
}

// Keyed by the env object so a test (or a redeploy) with other bindings gets its own parse.
const cache = new WeakMap<object, Config | ConfigError>();

/** Parses the settings from the Worker's env, once per env object. Throws ConfigError. */
export function getConfig(env: object): Config {
  let parsed = cache.get(env);
  if (!parsed) {
    parsed = parseConfig(env);
    cache.set(env, parsed);
  }
  if (parsed instanceof ConfigError) throw parsed;
  return parsed;
}

function parseConfig(env: object): Config | ConfigError {
  // Empty strings mean "unset", so `.dev.vars` can list every setting blank. wrangler.toml [vars]
  // may hold numbers and booleans, which arrive as such: read them as their text.
  const raw = Object.fromEntries(
    Object.entries(env)
      .filter(([, v]) => typeof v === "string" || typeof v === "number" || typeof v === "boolean")
      .map(([k, v]) => [k, String(v)])
      .filter(([, v]) => v!.trim() !== ""),
  );
  const result = configSchema.safeParse(raw);
  if (result.success) return result.data;
  return new ConfigError(
    result.error.issues.map((issue) => ({
      setting: String(issue.path[0] ?? "config"),
      message: issue.message,
    })),
  );
}
