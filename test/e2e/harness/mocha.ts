import { Workbench, type WorkbenchOptions } from './workbench';

/**
 * Mocha wiring for a describe block that shares one workbench: launched in `before`, failure artifacts
 * saved in `afterEach` (under test-output/e2e/<test title>/), always torn down in `after`.
 * Returns an accessor because the workbench only exists once `before` has run.
 */
export function useWorkbench(options: WorkbenchOptions = {}): () => Workbench {
  let workbench: Workbench | undefined;

  before(async function () {
    workbench = await Workbench.launch(options);
  });

  afterEach(async function () {
    const test = this.currentTest;
    if (workbench && test?.state === 'failed') {
      const dir = await workbench.saveFailure(test.fullTitle());
      console.log(`      e2e artifacts: ${dir}`);
    }
  });

  after(async function () {
    await workbench?.dispose();
    workbench = undefined;
  });

  return () => {
    if (!workbench) throw new Error('the workbench is not launched (did the before hook fail?)');
    return workbench;
  };
}
