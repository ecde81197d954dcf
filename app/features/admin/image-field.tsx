/**
 * An image setting (logo, favicon): a URL, or a small image uploaded to the API, which answers
 * with the URL to use. Checked here for size first so a big file gets an answer at once.
 */
import { useId, useState } from "react";
import { IMAGE_TYPES, MAX_IMAGE_BYTES } from "../../../worker/branding/defaults";

const TYPES: readonly string[] = IMAGE_TYPES;

type Props = { label: string; name: string; value: string | null; error?: string; onChange: (url: string | null) => void };

export function ImageField({ label, name, value, error, onChange }: Props) {
  const id = useId();
  const [upload, setUpload] = useState<{ state: "idle" | "uploading" } | { state: "failed"; message: string }>({ state: "idle" });
  const problem = error ?? (upload.state === "failed" ? upload.message : undefined);

  const send = async (file: File) => {
    if (!TYPES.includes(file.type)) return setUpload({ state: "failed", message: "Use a PNG, JPEG, WebP or GIF image." });
    if (file.size > MAX_IMAGE_BYTES) return setUpload({ state: "failed", message: `The image is ${Math.ceil(file.size / 1024)} KB; the limit is 100 KB.` });
    setUpload({ state: "uploading" });
    const bytes = new Uint8Array(await file.arrayBuffer());
    const dataBase64 = btoa(Array.from(bytes, (b) => String.fromCharCode(b)).join(""));
    const res = await fetch("/api/admin/branding/assets", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ contentType: file.type, dataBase64 }),
    }).catch(() => null);
    const body = (await res?.json().catch(() => null)) as { url?: string; error?: { message: string } } | null;
    if (!res?.ok || !body?.url) return setUpload({ state: "failed", message: body?.error?.message ?? "The upload did not go through. Try again." });
    setUpload({ state: "idle" });
    onChange(body.url);
  };

  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type="text"
        inputMode="url"
        value={value ?? ""}
        placeholder="https://… or upload an image"
        aria-invalid={problem ? true : undefined}
        onChange={(event) => onChange(event.target.value.trim() || null)}
      />
      <input
        type="file"
        accept={TYPES.join(",")}
        aria-label={`Upload ${label.toLowerCase()}`}
        onChange={(event) => {
          const file = event.target.files?.[0];
          if (file) void send(file);
          event.target.value = "";
        }}
      />
      {upload.state === "uploading" ? <p className="muted small">Uploading…</p> : null}
      {problem ? <p className="field-error">{problem}</p> : null}
    </div>
  );
}
