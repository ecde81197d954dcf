/**
 * Embedding failures injected at runtime, shared by the Ollama and OpenAI stubs, so tests in
 * workerd and e2e runs (which cannot reach the stub's options) can make a host fail:
 * `POST /_stub/embed-failures {"count": N, "status"?: 500, "retryAfter"?: seconds, "match"?: "text"}`
 * fails the next N embedding requests with `status` (and a `retry-after` header when given).
 * With `match`, only requests with an input containing that text count, so test files running
 * at the same time against the same stub do not take each other's failures.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { json, readBody } from "./stub-http.ts";

type Fault = { remaining: number; status: number; retryAfter?: number; match?: string };
export type DueFault = Omit<Fault, "remaining">;

export function embedFaults() {
  let faults: Fault[] = [];
  return {
    /** Handles `POST /_stub/embed-failures`; answers the number of failures still to come. */
    async control(req: IncomingMessage, res: ServerResponse) {
      const body = JSON.parse((await readBody(req)) || "{}") as { count?: number; status?: number; retryAfter?: number; match?: string };
      const count = Math.max(0, Math.floor(body.count ?? 1));
      if (count) faults.push({ remaining: count, status: body.status ?? 500, retryAfter: body.retryAfter, match: body.match });
      else faults = faults.filter((f) => f.match !== body.match); // count 0 cancels
      return json(res, 200, { pending: faults.reduce((n, f) => n + f.remaining, 0) });
    },
    /** The failure this request is to meet, if any; each one is used up once. */
    take(inputs: string[]): DueFault | undefined {
      const fault = faults.find((f) => f.match === undefined || inputs.some((text) => text.includes(f.match!)));
      if (!fault) return undefined;
      fault.remaining -= 1;
      if (!fault.remaining) faults = faults.filter((f) => f !== fault);
      return { status: fault.status, retryAfter: fault.retryAfter, match: fault.match };
    },
  };
}

/** Writes the failure with the stub's error body, and `retry-after` when the fault has one. */
export function sendFault(res: ServerResponse, fault: DueFault, body: unknown) {
  res.writeHead(fault.status, {
    "content-type": "application/json; charset=utf-8",
    ...(fault.retryAfter === undefined ? {} : { "retry-after": String(fault.retryAfter) }),
  });
  res.end(JSON.stringify(body));
}
