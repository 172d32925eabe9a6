import { defineConfig } from "prisma/config";

// Prisma 7 reads the connection from here for its CLI; the app itself connects through the pg
// driver adapter (server/db.ts). The boot script sets DATABASE_URL for the embedded server.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost/learnloop" },
});
