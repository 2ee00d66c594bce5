/** Command ids, one place: package.json `contributes.commands` must list exactly these (a test checks it). */
export const COMMANDS = {
  runGraph: 'raro.runGraph',
  runGraphWithInputs: 'raro.runGraphWithInputs',
  simulateGraph: 'raro.simulateGraph',
  estimateCost: 'raro.estimateCost',
  recordRun: 'raro.recordRun',
  stopRun: 'raro.stopRun',
  pauseRun: 'raro.pauseRun',
  resumeRun: 'raro.resumeRun',
  rerunFromNode: 'raro.rerunFromNode',
  replayRun: 'raro.replayRun',
  showGraph: 'raro.showGraph',
  showRunLog: 'raro.showRunLog',
  openRunHistory: 'raro.openRunHistory',
  setGeminiApiKey: 'raro.setGeminiApiKey',
  setOpenAiApiKey: 'raro.setOpenAiApiKey',
  newBlueprint: 'raro.newBlueprint',
  answerTicket: 'raro.answerTicket',
  reviewWrite: 'raro.reviewWrite',
  openJournal: 'raro.openJournal',
  deleteRun: 'raro.deleteRun',
  compareRuns: 'raro.compareRuns',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
