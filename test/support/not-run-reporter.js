/**
 * Lists, after the run, the checks that did not run and why: every skipped test whose title
 * starts with "not run:" (test/support/shared.ts). A missing tool or data set is never a silent
 * pass: it is either a failure or one of these lines.
 */
'use strict';

class NotRunReporter {
  constructor() {
    this.lines = [];
  }

  onTestResult(_test, result) {
    for (const t of result.testResults) {
      if (t.status === 'pending' && t.title.startsWith('not run:')) this.lines.push(t.title);
    }
  }

  onRunComplete() {
    if (this.lines.length === 0) return;
    process.stderr.write(
      `\nChecks NOT run (${this.lines.length}):\n${this.lines.map((l) => `  - ${l.slice('not run: '.length)}`).join('\n')}\n`,
    );
  }
}

module.exports = NotRunReporter;
