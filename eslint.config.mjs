import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // Imports point down: app/ and components/ use lib/; lib/ owns the database and its transactions.
  {
    files: ["components/**", "lib/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["@/app/*"], message: "Nothing imports from app/: move the code into lib/." }] }] },
  },
  {
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/app/*", "@/components/*"], message: "lib/ sits below app/ and components/: it imports neither." }] },
      ],
    },
  },
  {
    files: ["app/**"],
    ignores: ["**/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["@/lib/db/*", "@/lib/generated/*"], message: "app/ reaches the database through lib/'s functions, which own their transactions." }] },
      ],
    },
  },
  { ignores: [".next/**", "bench/bare/.next/**", "lib/generated/**", "next-env.d.ts", "test-results/**", "playwright-report/**", ".data/**"] },
];

export default config;
