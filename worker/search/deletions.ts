/**
 * How a deletion of a conversation or an account treats the search index outside D1 (OpenSearch),
 * the one place it can fail for a reason outside MARIE. First, before anything is deleted: a
 * failure answers 503 with nothing gone, so the person can try again. Again once the rows are gone,
 * for what an indexing run wrote meanwhile: the deletion stands, so a failure is only logged.
 */
import { ApiError } from "../http/errors";
import { log } from "../http/request-log";

type LogFields = { requestId: string } & Record<string, unknown>;

export async function deleteFromSearchFirst(work: Promise<void> | undefined, what: "conversation" | "account", fields: LogFields) {
  await work?.catch((err: unknown) => {
    logFailure(err, fields);
    throw new ApiError(503, "search_unavailable", `The search index is unavailable, so the ${what} was not deleted; try again shortly`);
  });
}

export async function deleteFromSearchAgain(work: Promise<void> | undefined, fields: LogFields) {
  await work?.catch((err: unknown) => logFailure(err, fields));
}

function logFailure(err: unknown, fields: LogFields) {
  log("error", "search_delete_failed", { ...fields, error: err instanceof Error ? err.message : String(err) });
}
