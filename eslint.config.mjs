// One flat config for the whole repository. The core (language, kernel, CLI, language server) must run
// without VS Code, so importing `vscode` there is an error, not a style choice.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Imports point one way (shared/design/LAYOUT.md): language <- kernel <- cortex <- runtime <- cli, extension;
// protocol is shared by extension and webviews only. Each package lists the packages it must not import.
const vscodeBan = { name: 'vscode', message: 'The core runs headless (CLI, tests): only extension/ may import vscode. Ask for a small interface instead.' };
function importsOneWay(forbidden) {
  return {
    'no-restricted-imports': ['error', {
      paths: [vscodeBan],
      patterns: forbidden.map((pkg) => ({ group: [`**/${pkg}/**`, `**/${pkg}`], message: `Imports point one way (LAYOUT.md): this package must not import ${pkg}/.` })),
    }],
  };
}
const layers = {
  language: ['kernel', 'cortex', 'runtime', 'protocol', 'cli', 'extension', 'webviews', 'language-server'],
  kernel: ['cortex', 'runtime', 'protocol', 'cli', 'extension', 'webviews', 'language-server'],
  cortex: ['runtime', 'protocol', 'cli', 'extension', 'webviews', 'language-server'],
  runtime: ['protocol', 'cli', 'extension', 'webviews', 'language-server'],
  protocol: ['cortex', 'runtime', 'cli', 'extension', 'webviews', 'language-server'],
  cli: ['protocol', 'extension', 'webviews'],
  'language-server': ['kernel', 'cortex', 'runtime', 'protocol', 'cli', 'extension', 'webviews'],
  webviews: ['cortex', 'runtime', 'cli', 'extension', 'language-server'],
};
const layerRules = Object.entries(layers).map(([pkg, forbidden]) => ({ files: [`${pkg}/**/*.ts`], rules: importsOneWay(forbidden) }));
// The extension may import vscode; it must not import the CLI or the webview bundle.
const extensionRules = {
  files: ['extension/**/*.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns: [{ group: ['**/cli/**', '**/webviews/**'], message: 'Imports point one way (LAYOUT.md): the extension uses runtime/ and protocol/, not the CLI or the webview bundle.' }] }] },
};

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'test-output/**', '**/generated/**', '**/*.js', '**/*.mjs', '**/*.cjs'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      'no-console': 'off',
    },
  },
  ...layerRules,
  extensionRules,
  {
    files: ['test/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
    },
  },
);
