import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Three projects: `worker` runs inside workerd with the real wrangler.toml bindings
// (D1, Durable Objects, R2); `components` renders the widget's Preact components and
// runs its framework-free parts in happy-dom; `e2e` runs in Node and drives Chromium
// against `wrangler dev`.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations("./migrations"),
                // A fixed key for sealing channel credentials in tests (32 bytes, base64).
                CREDENTIALS_KEY: "dGVzdC1vbmx5LWtleS1mb3Itc3dpdGNoYm9hcmQtMzI=",
                // Providers' APIs live at made-up origins that test/worker/provider-fake.ts answers.
                WHATSAPP_API_URL: "https://graph.whatsapp.test/v23.0",
                TWILIO_API_URL: "https://api.twilio.test",
                META_API_URL: "https://graph.meta.test/v23.0",
                TELEGRAM_API_URL: "https://api.telegram.test",
                // wrangler's .dev.vars is read here too, and `npm run dev` turns the local
                // channel simulator on there: tests see it off unless one turns it on.
                DEV_SIMULATOR: "0",
                // Outbound webhooks may reach loopback receivers, as under `npm run dev`
                // (worker/webhooks/url-guard.ts); every other private address stays refused.
                DEV_WEBHOOKS_LOCAL: "1",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["./test/worker/apply-migrations.ts"],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: "components",
          include: ["test/components/**/*.test.{ts,tsx}"],
          environment: "happy-dom",
        },
      },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          globalSetup: ["./test/e2e/build-front-end.ts"],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
