import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

const here = (p: string): string => fileURLToPath(new URL(p, import.meta.url));

/**
 * The GDS Transport typeface and the crown are licensed for GOV.UK services only, and this is not
 * one: drop govuk-frontend's font-face rules so its own fallback stack (arial, sans-serif) is used
 * and no font files need shipping.
 */
function govukWithoutGdsTransport(): Plugin {
  return {
    name: 'oscp:govuk-without-gds-transport',
    enforce: 'pre',
    transform(code, id) {
      if (!id.includes('govuk-frontend') || !id.split('?')[0]?.endsWith('.css')) return null;
      const css = code
        .replace(/@font-face\{[^}]*\}/g, '')
        .replace(/"GDS Transport",\s*/g, '')
        .replace(/url\(\/assets\/images\/govuk-crest\.svg\)/g, 'none');
      return { code: css, map: null };
    },
  };
}

export default defineConfig({
  plugins: [govukWithoutGdsTransport(), react()],
  resolve: {
    alias: { '@oscp/contracts': here('../libs/contracts/src/index.ts') },
  },
  // govuk-frontend's precompiled CSS carries an old IE hack the minifier would otherwise reject.
  css: { lightningcss: { errorRecovery: true } },
  server: {
    // The API in development; OSCP_API_URL points elsewhere (another port or host).
    proxy: { '/api': process.env.OSCP_API_URL ?? 'http://localhost:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Maps are written for local debugging but not referenced from the bundles; the API never serves them.
    sourcemap: 'hidden',
  },
});
