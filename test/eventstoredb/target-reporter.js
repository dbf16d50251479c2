/**
 * Jest reporter of `npm run test:eventstoredb`: after the summary, one line saying what the suites ran against
 * (global-setup.ts decides) and their counts, so that CI logs never leave it to be guessed.
 */
class EventStoreTargetReporter {
  onRunComplete(_contexts, results) {
    const target =
      process.env.EVENTSTORE_TARGET === 'wire-stand-in'
        ? 'the wire stand-in (a gRPC model of EventStoreDB, NOT EventStoreDB)'
        : 'the EventStoreDB server named by EVENTSTORE_CONNECTION_STRING';
    const counts =
      `${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped ` +
      `(${results.numTotalTests} tests in ${results.numTotalTestSuites} files)`;
    console.log(`\nEventStoreDB suites ran through @eventstore/db-client against ${target}: ${counts}.`);
  }
}

module.exports = EventStoreTargetReporter;
