/** Request and response shapes of the account routes; the OpenAPI document is built from these. */
import { z } from "@hono/zod-openapi";

export const PASSWORD_MIN = 10;
export const PASSWORD_MAX = 256;

// A short list of the passwords every guesser tries first; length alone does not stop these.
const COMMON = new Set([
  "password12", "password123", "password1234", "1234567890", "0123456789", "qwertyuiop",
  "iloveyou12", "letmein123", "administrator", "welcome123", "passw0rd12", "1q2w3e4r5t",
]);

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .pipe(z.email({ error: "must be a valid email address" }))
  .openapi({ example: "ada@example.com" });

const passwordSchema = z
  .string()
  .min(PASSWORD_MIN, `must be at least ${PASSWORD_MIN} characters`)
  .max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`)
  .refine((p) => !COMMON.has(p.toLowerCase()), "is too common")
  .refine((p) => new Set(p).size >= 4, "needs at least 4 different characters")
  .openapi({ example: "correct horse battery staple" });

export const registerBody = z
  .object({
    email: emailSchema,
    password: passwordSchema,
    name: z.string().trim().min(1, "is required").max(100, "must be at most 100 characters"),
  })
  .openapi("RegisterRequest");

export const loginBody = z
  .object({
    email: emailSchema,
    // Only bounded here: a login must not reveal the password rules.
    password: z.string().min(1, "is required").max(PASSWORD_MAX, `must be at most ${PASSWORD_MAX} characters`),
  })
  .openapi("LoginRequest");

export const userSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    name: z.string(),
    role: z.enum(["admin", "user"]),
    createdAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("User");

export const authResult = z
  .object({
    user: userSchema,
    token: z.string().openapi({ description: "Send as `Authorization: Bearer <token>`" }),
    expiresAt: z.string().openapi({ format: "date-time" }),
  })
  .openapi("AuthResult");

export function publicUser(u: { id: string; email: string; name: string; role: "admin" | "user"; createdAt: number }) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, createdAt: new Date(u.createdAt).toISOString() };
}
