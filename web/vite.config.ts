import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const webRoot = fileURLToPath(new URL('.', import.meta.url));
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
/** In development the API runs on its own port (npm run dev starts both); the browser talks to Vite only. */
const apiTarget = `http://127.0.0.1:${process.env.PORT ?? 3000}`;

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 700 },
  server: {
    host: '127.0.0.1',
    port: Number(process.env.PLEIN_WEB_PORT ?? 5173),
    // The web imports the API contract from ../contract.
    fs: { allow: [repoRoot] },
    proxy: { '/api': { target: apiTarget } },
  },
});
