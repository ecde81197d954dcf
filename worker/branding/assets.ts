/**
 * Uploaded branding images (logo, favicon): small raster images kept in KV under the SHA-256 of
 * their bytes, so a URL names one image forever and is cached as immutable. The declared type
 * must match the file's first bytes; SVG is refused, since it can carry scripts.
 */
import { z } from "@hono/zod-openapi";
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "./defaults";

export const ASSET_PATH = /^\/api\/branding\/assets\/[0-9a-f]{64}$/;
type ImageType = (typeof IMAGE_TYPES)[number];

const assetKey = (sha256: string) => `branding:asset:${sha256}`;

const SIGNATURES: Record<ImageType, (bytes: Uint8Array) => boolean> = {
  "image/png": (b) => startsWith(b, 0, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  "image/jpeg": (b) => startsWith(b, 0, [0xff, 0xd8, 0xff]),
  "image/gif": (b) => startsWith(b, 0, ascii("GIF87a")) || startsWith(b, 0, ascii("GIF89a")),
  "image/webp": (b) => startsWith(b, 0, ascii("RIFF")) && startsWith(b, 8, ascii("WEBP")),
};

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

export const assetUploadSchema = z
  .object({
    contentType: z.enum(IMAGE_TYPES, {
      error: "must be image/png, image/jpeg, image/webp or image/gif (SVG is refused: it can carry scripts)",
    }),
    dataBase64: z
      .string()
      .min(1, { error: "must not be empty", abort: true })
      .regex(BASE64, { error: "must be base64 (without a data: prefix)", abort: true })
      .refine((data) => decodedLength(data) <= MAX_IMAGE_BYTES, "must be at most 100 KB")
      .openapi({ description: "The image's bytes, base64; at most 100 KB decoded" }),
  })
  // Runs only once both fields passed their own checks (those abort), so the data is base64.
  .superRefine(({ contentType, dataBase64 }, ctx) => {
    // Twelve bytes are enough for every signature: decode only the first 16 characters.
    if (!SIGNATURES[contentType](decodeBase64(dataBase64.slice(0, 16)))) {
      ctx.addIssue({ code: "custom", path: ["contentType"], message: `does not match the file's bytes, which are not a ${contentType.slice(6).toUpperCase()} image` });
    }
  })
  .openapi("BrandingAssetUpload");

export const assetCreatedSchema = z
  .object({ url: z.string().openapi({ example: `/api/branding/assets/${"0".repeat(64)}` }) })
  .openapi("BrandingAsset");

/** Stores the image; its public URL is the same for the same bytes. */
export async function storeAsset(kv: KVNamespace, upload: z.output<typeof assetUploadSchema>) {
  const bytes = decodeBase64(upload.dataBase64);
  const sha256 = [...new Uint8Array(await crypto.subtle.digest("SHA-256", bytes))].map((b) => b.toString(16).padStart(2, "0")).join("");
  await kv.put(assetKey(sha256), bytes, { metadata: { contentType: upload.contentType } });
  return { url: `/api/branding/assets/${sha256}`, sha256, size: bytes.length };
}

export async function readAsset(kv: KVNamespace, sha256: string): Promise<{ bytes: ArrayBuffer; contentType: ImageType } | null> {
  const { value, metadata } = await kv.getWithMetadata<{ contentType?: string }>(assetKey(sha256), "arrayBuffer");
  const contentType = IMAGE_TYPES.find((t) => t === metadata?.contentType);
  return value && contentType ? { bytes: value, contentType } : null;
}

function decodedLength(base64: string) {
  return (base64.length / 4) * 3 - (base64.endsWith("==") ? 2 : base64.endsWith("=") ? 1 : 0);
}

function decodeBase64(base64: string) {
  return Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0));
}

function ascii(text: string) {
  return [...text].map((ch) => ch.charCodeAt(0));
}

function startsWith(bytes: Uint8Array, offset: number, expected: number[]) {
  return expected.every((byte, i) => bytes[offset + i] === byte);
}
