// The suite's closing line, "N passed, N failed, N skipped", summed over
// Jest's JSON report and Playwright's. A report that is missing counts as
// nothing run (its runner's own output says why).
import fs from 'node:fs';

const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};
const [jestFile, playwrightFile] = process.argv.slice(2);
const jest = read(jestFile);
const playwright = read(playwrightFile)?.stats;
const passed = (jest?.numPassedTests ?? 0) + (playwright?.expected ?? 0) + (playwright?.flaky ?? 0);
const failed = (jest?.numFailedTests ?? 0) + (playwright?.unexpected ?? 0);
const skipped = (jest?.numPendingTests ?? 0) + (playwright?.skipped ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
