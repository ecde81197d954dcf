import { describe, expect, it } from "vitest";
import { call } from "../helpers";

type Operation = { requestBody?: { content: Record<string, { schema: unknown }> }; responses: Record<string, { content?: Record<string, { schema: unknown }> }> };
type Document = { openapi: string; paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } };

describe("OpenAPI", () => {
  it("documents every route with request and response schemas", async () => {
    const res = await call("/api/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as Document;
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths).sort()).toEqual(
      [
        "/api/account",
        "/api/admin/branding",
        "/api/admin/branding/assets",
        "/api/admin/branding/rollback",
        "/api/admin/models",
        "/api/admin/search/reindex",
        "/api/admin/search/status",
        "/api/admin/usage",
        "/api/admin/usage/quotas",
        "/api/admin/users",
        "/api/admin/users/{id}",
        "/api/auth/login",
        "/api/auth/logout",
        "/api/auth/me",
        "/api/auth/register",
        "/api/branding",
        "/api/branding/assets/{sha256}",
        "/api/conversations",
        "/api/conversations/{id}",
        "/api/conversations/{id}/import",
        "/api/conversations/{id}/messages",
        "/api/conversations/{id}/messages/{messageId}/edit",
        "/api/conversations/{id}/messages/{messageId}/regenerate",
        "/api/conversations/{id}/messages/{messageId}/stream",
        "/api/conversations/{id}/stop",
        "/api/conversations/{id}/ws",
        "/api/models",
        "/api/search",
        "/api/ws-ticket",
        "/health/live",
        "/health/ready",
      ].sort(),
    );
    for (const path of ["/api/auth/register", "/api/auth/login"]) {
      const op = doc.paths[path]!.post!;
      expect(op.requestBody?.content["application/json"]?.schema, path).toBeDefined();
      expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(["400", "413", "415"]));
      expect(op.responses["400"]?.content?.["application/json"]?.schema).toEqual({ $ref: "#/components/schemas/Error" });
    }
    expect(Object.keys(doc.paths["/api/auth/login"]!.post!.responses)).toContain("429");
    expect(doc.components.schemas).toHaveProperty("RegisterRequest");
    expect(doc.components.schemas).toHaveProperty("User");
  });

  it("serves the docs page that renders it, without inline script", async () => {
    const res = await call("/api/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('src="/api/docs/swagger-ui-bundle.js"');
    expect(html).not.toMatch(/<script>[^<]/);
    expect(res.headers.get("content-security-policy")).toContain("script-src 'self'");
    const init = await call("/api/docs/init.js");
    expect(await init.text()).toContain("/api/openapi.json");
  });
});
