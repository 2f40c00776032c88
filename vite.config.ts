/**
 * @module Builds the three browser programs into dist/public, which wrangler serves as
 * static assets (see `[assets]` in wrangler.toml):
 *   /widget.js          the embed loader (widget/loader.ts), one classic script
 *   /widget/            the chat UI the loader opens in an iframe (widget/index.html)
 *   /console/           the agent console SPA (console/index.html)
 *   /                   the demo page (widget/demo/index.html)
 *   /assets/*           hashed JS and CSS shared by the pages
 *   /favicon.ico        copied as is from public/ (Vite's publicDir); browsers ask for
 *                       it on every page, and without it they got the SPA's HTML
 */
import preact from "@preact/preset-vite";
import { build as esbuild } from "esbuild";
import { defineConfig, type Plugin } from "vite";

const DEMO_HTML = "widget/demo/index.html";

export default defineConfig({
  plugins: [preact(), widgetLoader(), demoAtRoot()],
  build: {
    outDir: "dist/public",
    emptyOutDir: true,
    target: "es2022",
    // Every browser we support has modulepreload; the polyfill would be one more request.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      input: {
        widget: "widget/index.html",
        console: "console/index.html",
        demo: DEMO_HTML,
      },
      output: {
        // Name the chunks the widget and console share, so dist/ reads as what it is.
        codeSplitting: {
          groups: [
            { name: "preact", test: /[\\/]node_modules[\\/]preact[\\/]/ },
            // client/ is the code both apps share (socket, feed, outbox); not a package's own client/ folder.
            { name: "client", test: /^(?!.*[\\/]node_modules[\\/]).*[\\/]client[\\/]/ },
          ],
        },
      },
    },
  },
});

/** The loader is included by other sites with a plain `<script async>`, so it must be a
 * self-contained classic script at a fixed, unhashed URL. Vite's page build would make
 * it an ES module chunk, so esbuild bundles it on the side as an IIFE. */
function widgetLoader(): Plugin {
  return {
    name: "switchboard:widget-loader",
    apply: "build",
    async generateBundle() {
      const result = await esbuild({
        entryPoints: ["widget/loader.ts"],
        bundle: true,
        format: "iife",
        minify: true,
        target: "es2020",
        write: false,
      });
      this.emitFile({ type: "asset", fileName: "widget.js", source: result.outputFiles[0]!.text });
    },
  };
}

/** The demo page lives with the widget it demonstrates, but is served at `/`. */
function demoAtRoot(): Plugin {
  return {
    name: "switchboard:demo-at-root",
    apply: "build",
    enforce: "post",
    generateBundle(_options, bundle) {
      const page = bundle[DEMO_HTML];
      if (!page) this.error(`${DEMO_HTML} missing from the bundle`);
      if (page.type !== "asset") this.error(`${DEMO_HTML} is not an asset`);
      // Rolldown ignores renames inside the bundle object: emit a copy, drop the original.
      this.emitFile({ type: "asset", fileName: "index.html", source: page.source });
      delete bundle[DEMO_HTML];
    },
  };
}
