// `npm run lint` (office-addin-lint check) uses this file instead of its own default when it exists: the
// Office add-in rules, plus what this project needs. Formatting comes from .prettierrc.json.
import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
  },
  {
    // TypeScript checks names itself (tsc --noEmit, with the Node and Office types of tsconfig.json); ESLint's
    // no-undef knows neither and flags process, Buffer, TextEncoder, NodeJS.
    files: ["**/*.ts"],
    rules: { "no-undef": "off" },
  },
];
