/**
 * Links and images in a reply (model output, so untrusted): script URLs never become links, images
 * never load from another host, and links that leave the app are told apart.
 */
import { describe, expect, it } from "vitest";
import { isExternalHref, safeHref, safeImageSrc } from "../../app/features/markdown/safe-url";

const SCRIPT_URLS = {
  plain: "javascript:alert(1)",
  "mixed case": "JaVaScRiPt:alert(1)",
  "leading spaces": "   javascript:alert(1)",
  "leading control character": "\u0001javascript:alert(1)",
  "tab inside the scheme": "java\tscript:alert(1)",
  "newline inside the scheme": "java\nscript:alert(1)",
  "CR LF inside the scheme": "jav\r\nascript:alert(1)",
  "zero-width space first": "\u200Bjavascript:alert(1)",
  "zero-width space inside": "java\u200Bscript:alert(1)",
  "byte order mark first": "\uFEFFjavascript:alert(1)",
  "no-break space first": "\u00A0javascript:alert(1)",
  vbscript: "vbscript:msgbox(1)",
  "VBScript, mixed case": "VbScRiPt:msgbox(1)",
  "data: HTML": "data:text/html,<script>alert(1)</script>",
  "DATA: upper case": " DATA:text/html,x",
  "data: image": "data:image/svg+xml,<svg onload=alert(1)>",
};

describe("links", () => {
  for (const [how, url] of Object.entries(SCRIPT_URLS)) {
    it(`a script or data URL is not a link (${how})`, () => {
      expect(safeHref(url)).toBeNull();
    });
  }

  it("web, mail and in-app links are kept as written", () => {
    for (const url of ["https://example.com/a?b=c#d", "HTTP://example.com", "mailto:someone@example.com", "/settings", "docs/page", "#section", "?tab=2", "/a:b"]) {
      expect(safeHref(url)).toBe(url);
    }
  });

  it("other schemes and empty links are not links", () => {
    for (const url of ["tel:123", "ftp://example.com", "file:///etc/passwd", "", "   "]) expect(safeHref(url)).toBeNull();
  });

  it("a link is used as the browser reads it, without edge spaces or inner tabs", () => {
    expect(safeHref("  https://exa\tmple.com/\n ")).toBe("https://example.com/");
  });

  it("links to other hosts are external; links within the app are not", () => {
    for (const href of ["https://example.com", "http://example.com", "//example.com/x", "/\\example.com/x"]) expect(isExternalHref(href)).toBe(true);
    for (const href of ["/settings", "docs/page", "#section", "?tab=2", "mailto:someone@example.com"]) expect(isExternalHref(href)).toBe(false);
  });

  // BUG (reported): browsers read "\" as "/" in http(s) URLs, so new URL("\\\\evil.com", base) is
  // https://evil.com/. `[x](\\\\evil.com)` in a reply yields the URL "\\evil.com", which safeHref
  // keeps and which then opens in the same tab, without rel="noopener noreferrer nofollow".
  it("a link starting with backslashes that a browser reads as another host is external", () => {
    expect(isExternalHref("\\\\example.com/x")).toBe(true);
    expect(isExternalHref("\\/example.com/x")).toBe(true);
  });
});

describe("images", () => {
  it("an image from this site loads", () => {
    expect(safeImageSrc("/x.png")).toBe("/x.png");
    expect(safeImageSrc(" /img/x.png?v=1 ")).toBe("/img/x.png?v=1");
  });

  it("an image from another host, a data URL or a script URL does not load", () => {
    const refused = [
      "//host/x.png",
      "/\\host/x.png", // browsers read "/\" as "//"
      "\\\\host/x.png",
      "/\t/host/x.png", // the tab is dropped: "//host"
      "/\u200B/host/x.png",
      "https://host/x.png",
      "HTTP://host/x.png",
      "data:image/png;base64,AAAA",
      "javascript:alert(1)",
      "x.png",
      "",
    ];
    for (const src of refused) expect(safeImageSrc(src), JSON.stringify(src)).toBeNull();
  });
});
