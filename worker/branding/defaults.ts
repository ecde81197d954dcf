/** Branding used until an admin sets their own; shared by the API and the frontend (no imports). */
export type Branding = {
  appName: string;
  tagline: string;
  logoUrl: string | null;
  primaryColor: string;
  accentColor: string;
  welcomeText: string;
};

export const DEFAULT_BRANDING: Branding = {
  appName: "MARIE",
  tagline: "Machine-Assisted Research Intelligent Environment",
  logoUrl: null,
  primaryColor: "#4f46e5",
  accentColor: "#0ea5e9",
  welcomeText: "Ask anything. Your conversations stay on your own infrastructure.",
};
