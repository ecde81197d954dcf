/**
 * Registering and authenticating accounts: plain functions over the database, called by the
 * routes in routes.ts. The first account ever created becomes the administrator.
 */
import { eq, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { users } from "../db/schema";
import { ApiError } from "../http/errors";
import { auditInsert } from "../audit/audit-log";
import { burnPasswordTime, hashPassword, verifyPassword } from "./password";
import { clearAttempts, countAttempt, countRegistration, type ThrottleLimits } from "./throttle";

type NewAccount = { email: string; password: string; name: string };

export async function registerUser(
  db: Database,
  input: NewAccount,
  options: { registrationOpen: boolean; registrationsPerHour: number; requestId: string; ip: string | undefined },
) {
  await countRegistration(db, options.ip, options.registrationsPerHour);
  if (!options.registrationOpen && (await hasAnyUser(db))) {
    throw new ApiError(403, "registration_closed", "Registration is closed; ask an administrator");
  }
  const now = Date.now();
  const id = crypto.randomUUID();
  const [user] = await db
    .insert(users)
    .values({
      id,
      email: input.email,
      name: input.name,
      passwordHash: await hashPassword(input.password),
      // One statement, so two racing first sign-ups cannot both become admin.
      role: sql`CASE WHEN EXISTS (SELECT 1 FROM ${users}) THEN 'user' ELSE 'admin' END`,
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: users.email })
    .returning();
  if (!user) {
    throw new ApiError(409, "email_taken", "An account with this email already exists", [
      { field: "email", message: "is already registered" },
    ]);
  }
  await auditInsert(db, {
    actorId: user.id,
    action: "user.registered",
    targetType: "user",
    targetId: user.id,
    detail: { role: user.role },
    requestId: options.requestId,
  });
  return user;
}

const BAD_CREDENTIALS = "Email or password is incorrect";

export async function authenticate(
  db: Database,
  input: { email: string; password: string },
  context: { ip: string; limits: ThrottleLimits },
) {
  await countAttempt(db, input.email, context.ip, context.limits);
  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const valid = user
    ? await verifyPassword(input.password, user.passwordHash)
    : await burnPasswordTime(input.password).then(() => false);
  if (!user || !valid) throw new ApiError(401, "invalid_credentials", BAD_CREDENTIALS);
  if (user.disabledAt !== null) {
    throw new ApiError(403, "account_disabled", "This account is disabled; ask an administrator");
  }
  await clearAttempts(db, input.email, context.ip);
  return user;
}

async function hasAnyUser(db: Database) {
  const [row] = await db.select({ id: users.id }).from(users).limit(1);
  return row !== undefined;
}
