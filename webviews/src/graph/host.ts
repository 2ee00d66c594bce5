/**
 * The panel's link to the extension host: `acquireVsCodeApi` (one call per page), every outgoing message
 * checked against the protocol before it leaves, and the persisted state for the serializer.
 */
import { panelPersistedStateSchema, parsePanelToHost, type PanelPersistedState, type PanelToHost } from '../../../protocol/src/messages';

interface VsCodeApi {
  postMessage(message: unknown): void;
  getState(): unknown;
  setState(state: unknown): void;
}

declare function acquireVsCodeApi(): VsCodeApi;

export class HostLink {
  private readonly api: VsCodeApi = acquireVsCodeApi();

  post(message: PanelToHost): void {
    // Validated on the way out too: a malformed message is a bug here, better thrown here than at the host.
    this.api.postMessage(parsePanelToHost(message));
  }

  persisted(): PanelPersistedState | undefined {
    const parsed = panelPersistedStateSchema.safeParse(this.api.getState());
    return parsed.success ? parsed.data : undefined;
  }

  persist(state: PanelPersistedState): void {
    this.api.setState(state);
  }
}
