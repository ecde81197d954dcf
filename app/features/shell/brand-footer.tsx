/** The admin's footer text and legal links (terms, privacy, contact), wherever the app shows a footer. */
import type { Branding } from "../../../worker/branding/defaults";

export function BrandFooter({ branding }: { branding: Branding }) {
  if (!branding.footerText && branding.legalLinks.length === 0) return null;
  return (
    <footer className="brand-footer muted small">
      {branding.footerText ? <span>{branding.footerText}</span> : null}
      {branding.legalLinks.map((link) => (
        <a key={link.url} href={link.url} rel="noopener noreferrer" target={link.url.startsWith("mailto:") ? undefined : "_blank"}>
          {link.label}
        </a>
      ))}
    </footer>
  );
}
