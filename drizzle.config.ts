import { defineConfig } from 'drizzle-kit';

// Migrations are generated from the schema (`npm run db:generate`) and never edited once committed;
// `npm run db:check` fails when the schema and the migrations drift.
export default defineConfig({
  dialect: 'postgresql',
  schema: './server/db/schema/index.ts',
  out: './db/migrations',
  casing: 'snake_case',
});
