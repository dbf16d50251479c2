// The dashboard's build: plain TypeScript modules and ECharts, bundled into web/dist (served by the API at /).
// Relative asset URLs, so that the page also works behind a path prefix of a reverse proxy.
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // One chunk for the charts library (about 1 MB unminified): it changes less often than the page's code.
    chunkSizeWarningLimit: 1200,
  },
});
