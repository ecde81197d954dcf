/** Branding used until an admin sets their own; shared by the API and the frontend (no imports). */
/** `#rrggbb`: the only colour form accepted, and checked again wherever a colour lands in CSS. */
export const HEX_COLOUR = /^#[0-9a-fA-F]{6}$/;

/** Uploaded logo and favicon images: raster only (SVG can carry scripts), at most 100 KB. */
export const IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;
export const MAX_IMAGE_BYTES = 100 * 1024;

export type LegalLink = { label: string; url: string };

export type Branding = {
  appName: string;
  tagline: string;
  /** An https: URL, or `/api/branding/assets/<sha256>` from an upload; null shows the app name. */
  logoUrl: string | null;
  /** Same forms as logoUrl; null keeps the built-in icon. */
  faviconUrl: string | null;
  primaryColor: string;
  accentColor: string;
  welcomeText: string;
  /** Offered on an empty chat; at most 6. */
  suggestedPrompts: string[];
  footerText: string;
  /** Shown in the footer (terms, privacy, contact); https: or mailto:, at most 5. */
  legalLinks: LegalLink[];
};

export const DEFAULT_BRANDING: Branding = {
  appName: "MARIE",
  tagline: "Machine-Assisted Research Intelligent Environment",
  logoUrl: null,
  faviconUrl: null,
  primaryColor: "#4f46e5",
  accentColor: "#0ea5e9",
  welcomeText: "Ask anything. Your conversations stay on your own infrastructure.",
  suggestedPrompts: [
    "Summarise the key findings of a paper I paste in",
    "Compare two research methods and their trade-offs",
    "Draft an outline for a literature review on a topic",
    "Explain a concept step by step, then quiz me on it",
  ],
  footerText: "",
  legalLinks: [],
};
