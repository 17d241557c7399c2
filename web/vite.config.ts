import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";
import vue from "@vitejs/plugin-vue";

// The analysts' page: built into dist/web, which the service serves itself
// (no CDN, no external fonts: it must work on a machine without internet).
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/",
  plugins: [vue()],
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
  },
  // `npx vite --config web/vite.config.ts` for development, next to `npm start`.
  server: {
    proxy: { "/v1": "http://127.0.0.1:3000", "/health": "http://127.0.0.1:3000" },
  },
});
