import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is served by browser mode over http://127.0.0.1 and by Electron over app://psr,
// both from dist/renderer with a strict CSP (no inline scripts or styles).
export default defineConfig({
  root: 'renderer',
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    sourcemap: true,
    target: 'es2022',
    modulePreload: { polyfill: false },
  },
});
