// One flat config for the whole repository. The core (language, kernel, CLI, language server) must run
// without VS Code, so importing `vscode` there is an error, not a style choice.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const noVscode = {
  'no-restricted-imports': ['error', {
    paths: [{ name: 'vscode', message: 'The core runs headless (CLI, tests): only extension/ may import vscode. Ask for a small interface instead.' }],
    patterns: [{ group: ['**/extension/**', '**/extension'], message: 'Imports point one way: host -> core -> language.' }],
  }],
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
  { files: ['language/**/*.ts', 'kernel/**/*.ts', 'cortex/**/*.ts', 'runtime/**/*.ts', 'protocol/**/*.ts', 'cli/**/*.ts', 'language-server/**/*.ts', 'webviews/**/*.ts'], rules: noVscode },
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
