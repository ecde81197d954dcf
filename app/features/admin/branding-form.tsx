/**
 * The white-label form beside its live preview. Sends the whole branding as JSON (with the
 * version it was based on, so two admins cannot overwrite each other unseen).
 */
import { useId, useState } from "react";
import type { FetcherWithComponents } from "react-router";
import { HEX_COLOUR, type Branding } from "../../../worker/branding/defaults";
import { BrandingPreview } from "./branding-preview";
import { FormOutcome } from "./form-outcome";
import { ImageField } from "./image-field";

export type SaveResult = { ok: true; version: number } | { ok: false; message: string; fields: Record<string, string> };

type Props = { initial: Branding; version: number; fetcher: FetcherWithComponents<SaveResult> };

/** `fetcher` belongs to the page, so the outcome stays on screen when the form is rebuilt from the saved version. */
export function BrandingForm({ initial, version, fetcher }: Props) {
  const [branding, setBranding] = useState(initial);
  const result = fetcher.state === "idle" ? fetcher.data : undefined;
  const errors = result && !result.ok ? result.fields : {};
  const set = <K extends keyof Branding>(key: K) => (value: Branding[K]) => setBranding((b) => ({ ...b, [key]: value }));
  return (
    <div className="branding-editor">
      <fetcher.Form method="post" className="admin-form" aria-label="Branding">
        <input type="hidden" name="intent" value="save" />
        <input type="hidden" name="branding" value={JSON.stringify(branding)} />
        <input type="hidden" name="expectedVersion" value={version} />
        <TextField label="App name" value={branding.appName} onChange={set("appName")} error={errors.appName} maxLength={60} required />
        <TextField label="Tagline" value={branding.tagline} onChange={set("tagline")} error={errors.tagline} maxLength={200} />
        <div className="field-row">
          <ColorField label="Primary colour" value={branding.primaryColor} onChange={set("primaryColor")} error={errors.primaryColor} />
          <ColorField label="Accent colour" value={branding.accentColor} onChange={set("accentColor")} error={errors.accentColor} />
        </div>
        <ImageField label="Logo" name="logoUrl" value={branding.logoUrl} onChange={set("logoUrl")} error={errors.logoUrl} />
        <ImageField label="Favicon" name="faviconUrl" value={branding.faviconUrl} onChange={set("faviconUrl")} error={errors.faviconUrl} />
        <TextField label="Welcome text" value={branding.welcomeText} onChange={set("welcomeText")} error={errors.welcomeText} maxLength={2000} multiline />
        <LinesField
          label="Suggested prompts (one per line, up to 6)"
          initial={branding.suggestedPrompts.join("\n")}
          onChange={(text) => set("suggestedPrompts")(text.split("\n").map((line) => line.trim()).filter(Boolean))}
          error={errorUnder(errors, "suggestedPrompts")}
        />
        <TextField label="Footer text" value={branding.footerText} onChange={set("footerText")} error={errors.footerText} maxLength={500} />
        <LinesField
          label="Legal links (one per line: label | https://…)"
          initial={branding.legalLinks.map((l) => `${l.label} | ${l.url}`).join("\n")}
          onChange={(text) => set("legalLinks")(parseLinks(text))}
          error={errorUnder(errors, "legalLinks")}
        />
        <FormOutcome
          error={result && !result.ok ? result.message : null}
          success={result?.ok ? `Saved as version ${result.version}. Everyone sees it on their next page.` : null}
        />
        <button type="submit" className="button primary" disabled={fetcher.state !== "idle"}>
          {fetcher.state === "idle" ? "Save branding" : "Saving…"}
        </button>
      </fetcher.Form>
      <BrandingPreview branding={branding} />
    </div>
  );
}

function errorUnder(errors: Record<string, string>, field: string) {
  const key = Object.keys(errors).find((k) => k === field || k.startsWith(`${field}.`));
  return key ? `${key.slice(field.length + 1) ? `Line ${Number(key.split(".")[1]) + 1}: ` : ""}${errors[key]}` : undefined;
}

function parseLinks(text: string) {
  return text
    .split("\n")
    .map((line) => line.split("|").map((part) => part.trim()))
    .filter(([label]) => label)
    .map(([label, url]) => ({ label: label!, url: url ?? "" }));
}

type TextProps = { label: string; value: string; onChange: (value: string) => void; error?: string; maxLength?: number; required?: boolean; multiline?: boolean };

function TextField({ label, value, onChange, error, maxLength, required, multiline }: TextProps) {
  const id = useId();
  const common = { id, value, maxLength, required, "aria-invalid": error ? true : undefined, "aria-describedby": error ? `${id}-error` : undefined };
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...common} rows={3} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...common} onChange={(event) => onChange(event.target.value)} />
      )}
      {error ? (
        <p id={`${id}-error`} className="field-error">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A textarea whose lines become a list; it keeps the raw text so blank lines can be typed. */
function LinesField({ label, initial, onChange, error }: { label: string; initial: string; onChange: (text: string) => void; error?: string }) {
  const [text, setText] = useState(initial);
  return (
    <TextField
      label={label}
      value={text}
      multiline
      error={error}
      onChange={(value) => {
        setText(value);
        onChange(value);
      }}
    />
  );
}

function ColorField({ label, value, onChange, error }: { label: string; value: string; onChange: (value: string) => void; error?: string }) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <div className="color-field">
        <input type="color" aria-label={`${label} picker`} value={HEX_COLOUR.test(value) ? value : "#000000"} onChange={(e) => onChange(e.target.value)} />
        <input id={id} value={value} onChange={(event) => onChange(event.target.value.trim())} aria-invalid={error ? true : undefined} />
      </div>
      {error ? <p className="field-error">{error}</p> : null}
    </div>
  );
}
