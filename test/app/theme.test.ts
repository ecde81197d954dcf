/**
 * The theme cookie: what the server reads from the request to render the right theme first time,
 * and what it sets when the person picks one.
 */
import { describe, expect, it } from "vitest";
import { themeCookie, themeFromCookie } from "../../app/features/theme/theme";

describe("theme cookie", () => {
  it("a saved theme is read back among other cookies", () => {
    expect(themeFromCookie("marie_theme=dark")).toBe("dark");
    expect(themeFromCookie("session=abc; marie_theme=light; other=1")).toBe("light");
  });

  it("no cookie, an unknown value or a look-alike name means the system's choice", () => {
    expect(themeFromCookie(null)).toBe("system");
    expect(themeFromCookie("")).toBe("system");
    expect(themeFromCookie("marie_theme=purple")).toBe("system");
    expect(themeFromCookie("not_marie_theme=dark")).toBe("system");
  });

  it("the cookie set for a choice reads back as that choice, for a year, on every path", () => {
    for (const theme of ["system", "light", "dark"] as const) {
      const cookie = themeCookie(theme, false);
      expect(themeFromCookie(cookie.split(";")[0]!)).toBe(theme);
      expect(cookie).toContain("Path=/");
      expect(cookie).toContain("Max-Age=31536000");
      expect(cookie).not.toContain("Secure");
    }
  });

  it("over HTTPS the cookie is Secure", () => {
    expect(themeCookie("dark", true)).toMatch(/; Secure$/);
  });
});
