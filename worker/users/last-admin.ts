/**
 * The rule that MARIE always keeps at least one enabled administrator. It is a SQL condition on
 * the target's row, put into the very statement that demotes, disables or erases the target, so
 * two admins acting on each other at the same moment cannot both pass it (D1 runs statements one
 * at a time). A disabled admin does not count: they cannot administer anything.
 */
import { sql } from "drizzle-orm";
import { users } from "../db/schema";
import { ApiError } from "../http/errors";

/** True for a row whose loss as an admin still leaves another enabled admin. */
export function leavesAnotherAdmin(targetId: string) {
  return sql`(${users.role} <> 'admin' OR ${users.disabledAt} IS NOT NULL OR EXISTS (
    SELECT 1 FROM ${users} AS other WHERE other.role = 'admin' AND other.disabled_at IS NULL AND other.id <> ${targetId}))`;
}

export function lastAdmin() {
  return new ApiError(409, "last_admin", "This is the last administrator; make someone else an administrator first");
}

export function cannotChangeSelf(what: string) {
  return new ApiError(409, "cannot_change_self", `You cannot ${what} yourself; ask another administrator`);
}
