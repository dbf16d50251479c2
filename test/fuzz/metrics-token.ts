/** The bearer token the fuzzed service accepts on /metrics (a scraper's METRICS_TOKEN). */
export const FUZZ_METRICS_TOKEN = 'fuzz-metrics-scraper';
