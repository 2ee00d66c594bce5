/** Typed messages and the shared view model of the graph panel (host and webview). */
export * from './snapshot';
export * from './messages';
export * from './viewModel';
export * from './toSnapshot';
export * from './pack';
