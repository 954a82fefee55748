// The suite's closing line, "N passed, N failed, N skipped", summed over
// Jest's JSON report, Playwright's, Schemathesis's JUnit report (one
// test per API operation), and the install test's Jest-like report (one
// test per check, packages/install-test/src/checks.ts). A report that is
// missing counts as nothing run (its runner's own output says why).
import fs from 'node:fs';

const read = file => {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
};
/** The counts of a JUnit report's <testsuites> (or first <testsuite>) element. */
const readJunit = file => {
  let xml;
  try {
    xml = fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  const element = /<testsuites?\b[^>]*>/.exec(xml)?.[0] ?? '';
  const count = name => Number(new RegExp(`\\b${name}="(\\d+)"`).exec(element)?.[1] ?? 0);
  const failed = count('failures') + count('errors');
  const skipped = count('skipped');
  return { passed: count('tests') - failed - skipped, failed, skipped };
};
const [jestFile, playwrightFile, fuzzFile, installFile] = process.argv.slice(2);
const jest = read(jestFile);
const install = installFile ? read(installFile) : undefined;
const playwright = read(playwrightFile)?.stats;
const fuzz = fuzzFile ? readJunit(fuzzFile) : undefined;
const passed =
  (jest?.numPassedTests ?? 0) +
  (playwright?.expected ?? 0) +
  (playwright?.flaky ?? 0) +
  (fuzz?.passed ?? 0) +
  (install?.numPassedTests ?? 0);
const failed =
  (jest?.numFailedTests ?? 0) + (playwright?.unexpected ?? 0) + (fuzz?.failed ?? 0) + (install?.numFailedTests ?? 0);
const skipped =
  (jest?.numPendingTests ?? 0) + (playwright?.skipped ?? 0) + (fuzz?.skipped ?? 0) + (install?.numPendingTests ?? 0);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
