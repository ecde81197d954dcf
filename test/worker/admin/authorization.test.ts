/**
 * Every admin route, as listed in the OpenAPI document (so a new route is covered the day it is
 * added), refuses anonymous callers (401) and plain users (403).
 */
import { describe, expect, it } from "vitest";
import { call, errorOf } from "../helpers";
import { registerUser } from "./admin-helpers";

type Document = { paths: Record<string, Record<string, unknown>> };

async function adminOperations() {
  const doc = (await (await call("/api/openapi.json")).json()) as Document;
  return Object.entries(doc.paths)
    .filter(([path]) => path.startsWith("/api/admin"))
    .flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => ({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, "some-id") })),
    );
}

describe("admin routes", () => {
  it("are documented", async () => {
    expect((await adminOperations()).length).toBeGreaterThanOrEqual(8);
  });

  it("refuse anonymous callers with 401 and plain users with 403", async () => {
    const user = await registerUser();
    for (const { method, path } of await adminOperations()) {
      const body = method === "GET" || method === "DELETE" ? undefined : {};
      const anonymous = await call(path, { method, json: body, headers: { origin: "http://marie.test" } });
      expect(anonymous.status, `${method} ${path} anonymous`).toBe(401);
      const plain = await call(path, { method, json: body, headers: user.auth });
      expect(plain.status, `${method} ${path} as a plain user`).toBe(403);
      expect((await errorOf(plain)).code).toBe("forbidden");
    }
  });

  it("an unknown admin path is no different: 401, then 403", async () => {
    const user = await registerUser();
    expect((await call("/api/admin/nothing-here")).status).toBe(401);
    expect((await call("/api/admin/nothing-here", { headers: user.auth })).status).toBe(403);
  });
});
