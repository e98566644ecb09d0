import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY } from './shared/content-security-policy.ts';

// The renderer is served offline from app:// (Electron) or the loopback host: relative base, no CDN.
export default defineConfig({
  root: fileURLToPath(new URL('./renderer', import.meta.url)),
  base: './',
  plugins: [
    react(),
    // The page's CSP <meta> comes from the same constant as the app:// and web host headers.
    { name: 'rectify-csp', transformIndexHtml: (html: string) => html.replace(CSP_PLACEHOLDER, META_CONTENT_SECURITY_POLICY) },
  ],
  build: {
    outDir: fileURLToPath(new URL('./out/renderer', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
    sourcemap: false,
    rollupOptions: {
      output: {
        // pdf.js' worker imports its JPEG 2000/JBIG2 fallback decoders by fixed file name from one folder
        // (renderer/evidence/pdf-document.ts); every other asset keeps Vite's hashed name.
        assetFileNames: (asset) =>
          asset.names.some((name) => name.endsWith('_nowasm_fallback.js')) ? 'assets/pdfjs-decoders/[name][extname]' : 'assets/[name]-[hash][extname]',
      },
    },
  },
});
