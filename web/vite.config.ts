// The console: a React SPA built into dist/web and served by IonMesh at / (src/app/console.ts).
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  build: {
    outDir: '../dist/web',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 400,
  },
  server: {
    // `npx vite web` during development: the API of a local `npm start` on :5000.
    proxy: { '/api': 'http://127.0.0.1:5000', '/metrics': 'http://127.0.0.1:5000' },
  },
});
