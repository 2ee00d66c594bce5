/** The model a Gemini binding without a model id runs on (shared by the provider and its request builder). */
export const DEFAULT_GEMINI_MODEL = 'gemini-2.5-flash';
