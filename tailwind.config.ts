import type { Config } from "tailwindcss";

// Tailwind 4 is configured in CSS (app/globals.css, `@theme`); this file only lists the sources,
// loaded from there with `@config`.
export default {
  content: ["./app/**/*.{ts,tsx}", "./components/**/*.{ts,tsx}"],
} satisfies Config;
