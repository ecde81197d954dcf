/**
 * A small live copy of the app in the brand being edited. Colours are set through the CSSOM
 * (allowed by the CSP), never as style attributes (which it blocks).
 */
import { useLayoutEffect, useRef } from "react";
import { HEX_COLOUR, type Branding } from "../../../worker/branding/defaults";

export function BrandingPreview({ branding }: { branding: Branding }) {
  const frame = useRef<HTMLDivElement>(null);
  useLayoutEffect(() => {
    const style = frame.current?.style;
    if (!style) return;
    if (HEX_COLOUR.test(branding.primaryColor)) style.setProperty("--primary", branding.primaryColor);
    if (HEX_COLOUR.test(branding.accentColor)) style.setProperty("--accent", branding.accentColor);
  }, [branding.primaryColor, branding.accentColor]);
  return (
    <figure className="brand-preview" aria-label="Preview">
      <figcaption className="muted small">Preview</figcaption>
      <div ref={frame} className="brand-preview-frame">
        <div className="brand-preview-top">
          {branding.logoUrl ? <img src={branding.logoUrl} alt="" className="brand-logo" /> : <span className="brand-mark" aria-hidden="true" />}
          <strong data-testid="preview-name">{branding.appName || "—"}</strong>
        </div>
        <div className="brand-preview-body">
          <p className="muted small">{branding.tagline}</p>
          <p>{branding.welcomeText}</p>
          <div className="prompt-chips">
            {branding.suggestedPrompts.map((prompt) => (
              <span key={prompt} className="prompt-chip">
                {prompt}
              </span>
            ))}
          </div>
          <span className="button primary">Start a new chat</span> <a href="#preview">A link</a>
        </div>
        {branding.footerText || branding.legalLinks.length > 0 ? (
          <p className="brand-preview-footer muted small">
            {branding.footerText}
            {branding.legalLinks.map((link) => (
              <span key={link.url}> · {link.label}</span>
            ))}
          </p>
        ) : null}
      </div>
    </figure>
  );
}
