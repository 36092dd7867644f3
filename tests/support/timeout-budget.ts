import {
  experimental_getRunnerTask,
  type ReportedHookContext,
  type Reporter,
  type TestCase,
  type TestModule,
  type TestRunEndReason,
  type Vitest,
} from "vitest/node";

/**
 * Holds the run to the project's budget: no test (and no hook) may use more than a third of its timeout,
 * so that a machine three times slower than the one the timeout was chosen on still passes. Prints the
 * test and the hook that came closest to their timeouts, and every one over a third, after the run. It
 * reports and never fails the run: a busy machine is no error in the code, but the lines say which
 * timeout to raise or which test to make cheaper.
 *
 * Hooks report no timeout of their own, so each is held to the configured hookTimeout; a hook given a
 * longer one (`beforeAll(fn, 120_000)`) is then held to a stricter budget than its own.
 */
export default class TimeoutBudget implements Reporter {
  #testTimeout = 5_000;
  #hookTimeout = 10_000;
  readonly #hookStarts = new Map<string, number>();
  readonly #uses: { what: string; ms: number; timeout: number }[] = [];

  onInit(vitest: Vitest): void {
    this.#testTimeout = vitest.config.testTimeout;
    this.#hookTimeout = vitest.config.hookTimeout;
  }

  onTestCaseResult(testCase: TestCase): void {
    const ms = testCase.diagnostic()?.duration;
    if (ms === undefined) return;
    const timeout = experimental_getRunnerTask(testCase).timeout || this.#testTimeout;
    this.#uses.push({ what: `${relative(testCase.module)} > ${testCase.fullName}`, ms, timeout });
  }

  onHookStart(hook: ReportedHookContext): void {
    this.#hookStarts.set(hookKey(hook), performance.now());
  }

  onHookEnd(hook: ReportedHookContext): void {
    const started = this.#hookStarts.get(hookKey(hook));
    if (started === undefined) return;
    this.#hookStarts.delete(hookKey(hook));
    this.#uses.push({ what: `${hookKey(hook)} (${hook.name})`, ms: performance.now() - started, timeout: this.#hookTimeout });
  }

  onTestRunEnd(_modules: readonly TestModule[], _errors: readonly unknown[], reason: TestRunEndReason): void {
    if (reason === "interrupted" || this.#uses.length === 0) return;
    const share = (use: { ms: number; timeout: number }) => use.ms / use.timeout;
    const over = this.#uses.filter((use) => share(use) > 1 / 3).sort((a, b) => share(b) - share(a));
    const closest = this.#uses.reduce((best, use) => (share(use) > share(best) ? use : best));
    const line = (use: { what: string; ms: number; timeout: number }) =>
      `${(use.ms / 1000).toFixed(1)} s of ${(use.timeout / 1000).toFixed(0)} s: ${use.what}`;
    console.log(`\ntimeout budget: closest to its timeout ${line(closest)}`);
    if (over.length > 0) {
      console.log(`timeout budget: ${over.length} over a third of their timeout (raise it or make the test cheaper):`);
      for (const use of over) console.log(`  ${line(use)}`);
    }
  }
}

function relative(module: TestModule): string {
  return module.moduleId.replace(`${process.cwd()}/`, "");
}

function hookKey(hook: ReportedHookContext): string {
  const entity = hook.entity;
  if (entity.type === "module") return relative(entity);
  return `${relative(entity.module)} > ${entity.fullName}`;
}
