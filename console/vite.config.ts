import { defineConfig } from 'vite';

// The build ships inside the Python package and is served by the app at `/`, so the output goes there.
// Names carry content hashes; the app serves /assets/ as immutable.
export default defineConfig({
  base: '/',
  build: {
    outDir: '../lapor_gql/static/console',
    emptyOutDir: true,
    assetsDir: 'assets',
    // No inline script anywhere (the CSP forbids it): the preload helper is bundled, never inlined.
    modulePreload: { polyfill: false },
    sourcemap: false,
    // .vite/manifest.json: which chunks each page loads; tests/test_console_bundle.py sums the officer pages' share.
    manifest: true,
    chunkSizeWarningLimit: 2000,
    reportCompressedSize: true,
  },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: {
    // `npm run dev` beside a running `lapor-gql serve` on :8000.
    proxy: { '/graphql': { target: 'http://127.0.0.1:8000', ws: true } },
  },
});
