const fs = require('fs');

/**
 * Ends every run with one plain line, `tests: N passed, N failed, N skipped`, which CI systems
 * that do not know jest's own summary can read. It is written at process exit so that it comes
 * after jest's summary, as the last line of the run.
 */
class SummaryReporter {
  onRunComplete(_contexts, results) {
    const { numPassedTests, numFailedTests, numPendingTests, numTodoTests } = results;
    const line = `tests: ${numPassedTests} passed, ${numFailedTests} failed, ${numPendingTests + numTodoTests} skipped\n`;
    process.once('exit', () => fs.writeSync(2, line));
  }
}

module.exports = SummaryReporter;
