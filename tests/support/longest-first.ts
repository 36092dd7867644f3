import { relative } from "node:path";
import { BaseSequencer, type TestSpecification } from "vitest/node";

/**
 * The files that take longest, in that order, ahead of the rest. Two workers share the files, each taking
 * the next one when it is done, so a long file started late leaves the other worker idle at the end.
 * Vitest starts the files it has timed before longest first, but a fresh checkout (CI) has no timings and
 * vitest then goes by file size: the type-check, a small file running tsc for several seconds, came last.
 */
const LONGEST = [
  // Waits on the browser more than it computes: started first, it runs beside everything else.
  "tests/docs/site.browser.test.ts",
  "tests/types/typecheck.test.ts",
  "tests/sandbox/properties.test.ts",
  "tests/generators/generators.test.ts",
  "tests/package/consumer.test.ts",
  "tests/dev/dev.test.ts",
];

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const root = this.ctx.config.root;
    const rank = (file: TestSpecification): number => {
      const index = LONGEST.indexOf(relative(root, file.moduleId));
      return index < 0 ? LONGEST.length : index;
    };
    const sorted = await super.sort(files);
    return sorted
      .map((file, order) => ({ file, order }))
      .sort((a, b) => rank(a.file) - rank(b.file) || a.order - b.order)
      .map(({ file }) => file);
  }
}
