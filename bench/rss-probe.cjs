'use strict';
// Preloaded (node -r) into one CLI run per case by the benchmark: writes the process's peak
// resident set size (kilobytes, process.resourceUsage().maxRSS) to $PAR_BENCH_RSS_FILE at exit.
const file = process.env.PAR_BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      require('fs').writeFileSync(file, String(process.resourceUsage().maxRSS));
    } catch {
      // The measurement is optional; never change the command's outcome.
    }
  });
}
