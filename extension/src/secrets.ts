/**
 * Provider keys in VS Code's SecretStorage, set with the "Set … API Key" commands (masked input); the
 * environment variable is the fallback. A key never leaves this module except into the provider's
 * environment record handed to the runtime, which never logs or journals it.
 */
import * as vscode from 'vscode';
import { ENV_KEY_NAMES, type SecretName, type SecretSource } from '../../runtime/src/ports';

const STORAGE_KEY: Record<SecretName, string> = { gemini: 'raro.geminiApiKey', openai: 'raro.openaiApiKey' };
const LABEL: Record<SecretName, string> = { gemini: 'Gemini', openai: 'OpenAI' };

export class ExtensionSecrets implements SecretSource {
  constructor(private readonly storage: vscode.SecretStorage) {}

  async get(name: SecretName): Promise<string | undefined> {
    const stored = (await this.storage.get(STORAGE_KEY[name]))?.trim();
    return stored || process.env[ENV_KEY_NAMES[name]]?.trim() || undefined;
  }

  /** Asks for a key (masked); an empty answer removes the stored key. Returns what was done, for a message. */
  async promptAndStore(name: SecretName): Promise<'stored' | 'removed' | 'cancelled'> {
    const value = await vscode.window.showInputBox({
      title: `RARO: ${LABEL[name]} API key`,
      prompt: `Stored in VS Code's secret storage, never in settings or logs. Leave empty to remove the stored key (${ENV_KEY_NAMES[name]} is then used if set).`,
      password: true,
      ignoreFocusOut: true,
      placeHolder: `${LABEL[name]} API key`,
    });
    if (value === undefined) return 'cancelled';
    if (value.trim() === '') {
      await this.storage.delete(STORAGE_KEY[name]);
      return 'removed';
    }
    await this.storage.store(STORAGE_KEY[name], value.trim());
    return 'stored';
  }

  label(name: SecretName): string {
    return LABEL[name];
  }
}
