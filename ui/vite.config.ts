import { defineConfig } from "vitest/config";
import { svelte } from "@sveltejs/vite-plugin-svelte";

// The production bundle: index.html → dist/, loaded by Tauri with a strict CSP (no network).
export default defineConfig({
  plugins: [svelte()],
  clearScreen: false,
  server: { port: 1420, strictPort: true },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // WebKitGTK and WKWebView lag Chromium; stay within what Safari 15 understands.
    target: ["es2022", "safari15", "chrome105"],
    chunkSizeWarningLimit: 1600,
  },
  test: {
    include: ["src/**/*.test.ts"],
  },
});
