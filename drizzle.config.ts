import { defineConfig } from "drizzle-kit";

// Flat layout (migrations/0000_x.sql): `wrangler d1 migrations apply` and the test
// helper `readD1Migrations` both read top-level .sql files only.
export default defineConfig({
  dialect: "sqlite",
  schema: "./worker/db/schema.ts",
  out: "./migrations",
});
