import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The web app: built into web/dist and served by the Chiso server; in development, /api goes to :3000.
export default defineConfig({
  root: new URL('.', import.meta.url).pathname,
  plugins: [react()],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1200 },
  server: { proxy: { '/api': 'http://localhost:3000' } },
});
