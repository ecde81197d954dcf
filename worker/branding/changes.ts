/**
 * What an admin does to the branding: save a new version (only over the version they saw, when
 * they say which) or roll back to an earlier one, which saves its content as a new version so
 * history stays linear. Each lands as one audited version or fails with the error they see.
 */
import { ApiError } from "../http/errors";
import { changedFields, type Branding } from "./branding";
import { readArchivedVersion, readCurrent, saveVersion, type BrandingState } from "./versions";

type Env = { DB: D1Database; KV: KVNamespace };
type Actor = { actorId: string; requestId: string };

export async function updateBranding(env: Env, actor: Actor, branding: Branding, expectedVersion?: number): Promise<BrandingState> {
  const current = await readCurrent(env.DB);
  expectVersion(current, expectedVersion);
  const fields = changedFields(current.branding, branding);
  // Saving what is already current makes no version and no audit row.
  if (fields.length === 0) return current;
  const saved = await saveVersion(env, current, { ...actor, branding, audit: { action: "branding.updated", detail: { fields } } });
  return saved ?? raceLost();
}

/** Rolls back to `toVersion`, by default the version before the current one. */
export async function rollbackBranding(env: Env, actor: Actor, toVersion?: number, expectedVersion?: number): Promise<BrandingState> {
  const current = await readCurrent(env.DB);
  expectVersion(current, expectedVersion);
  if (toVersion === undefined && current.version < 2) {
    throw new ApiError(409, "nothing_to_roll_back", current.version === 0 ? "No branding has been saved yet" : "There is no earlier version to roll back to");
  }
  const target = toVersion ?? current.version - 1;
  if (target > current.version) throw new ApiError(404, "not_found", `There is no branding version ${target}`);
  if (target === current.version) throw new ApiError(409, "nothing_to_roll_back", `Version ${target} is already current`);
  const branding = await readArchivedVersion(env.KV, target);
  if (!branding) {
    // Versions are numbered without gaps, so it exists: it was saved elsewhere moments ago.
    throw new ApiError(503, "branding_version_unavailable", `Version ${target} cannot be read here yet; try again in a minute`, undefined, {
      "Retry-After": "60",
    });
  }
  const fields = changedFields(current.branding, branding);
  if (fields.length === 0) return current;
  const saved = await saveVersion(env, current, {
    ...actor,
    branding,
    restoredFrom: target,
    audit: { action: "branding.rolled_back", detail: { fromVersion: current.version, toVersion: target, fields } },
  });
  return saved ?? raceLost();
}

function expectVersion(current: BrandingState, expected: number | undefined) {
  if (expected !== undefined && expected !== current.version) {
    throw new ApiError(409, "version_conflict", `The branding is now at version ${current.version}, not ${expected}: reload it, then apply your change again`);
  }
}

function raceLost(): never {
  throw new ApiError(409, "version_conflict", "Another change to the branding was saved at the same moment: reload it, then apply your change again");
}
