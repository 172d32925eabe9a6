// The import direction between layers and domains (docs/architecture.md, "Layers and borders"):
//   lib/      imports nothing from app/, server/ or scripts/ (it runs in the browser and the server);
//   server/   imports nothing from app/ or scripts/;
//   app/      reaches server code through tRPC: value imports of server/ only from the tRPC wiring
//             (app/api/, app/_trpc/), route handlers and server actions, Auth.js (server/auth/*),
//             the shared error types and the health check; type-only imports are free;
//   a domain  (server/<domain>/) reaches another domain only through that domain's service.ts (or
//             reads its settings from its env.ts).
// Imports are resolved to files (relative paths and the "@/" alias), so both spellings are checked.
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Shared server code that every domain may use: it is not a domain. */
const SERVER_SHARED = new Set(["db", "db-client", "env", "errors", "trpc", "router", "server-only-hook", "generated", "realtime", "http", "test"]);

function repoPath(file) {
  return path.relative(root, file).split(path.sep).join("/");
}

function resolveImport(specifier, importer) {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return repoPath(path.resolve(path.dirname(importer), specifier));
  return null;
}

/** "server/quiz/service.ts" → { layer: "server", domain: "quiz", module: "service" }. */
function describe(file) {
  const parts = file.replace(/\.(m?[jt]sx?)$/, "").split("/");
  const [layer, second, third] = parts;
  if (layer !== "server") return { layer, domain: null, module: null };
  if (parts.length === 2 || SERVER_SHARED.has(second)) return { layer, domain: null, module: second };
  return { layer, domain: second, module: third ?? "index" };
}

function isTest(file) {
  return /\.(int\.)?test\.[jt]sx?$/.test(file) || file.startsWith("e2e/") || file.startsWith("bench/");
}

function violation(importer, target, typeOnly) {
  const from = describe(importer);
  const to = describe(target);
  if (from.layer === "lib" && ["app", "server", "scripts"].includes(to.layer) && !isTest(importer)) return `lib/ must not import ${to.layer}/ (lib runs in the browser and the server alike).`;
  if (from.layer === "server" && (to.layer === "app" || (to.layer === "scripts" && !isTest(importer)))) return `server/ must not import ${to.layer}/; move what both need under server/ or lib/.`;
  if (from.layer === "app" && to.layer === "server" && !typeOnly) {
    // Route handlers and server actions are server entry points of their own, like app/api/.
    const wiring = importer.startsWith("app/api/") || importer.startsWith("app/_trpc/") || /\/(route|actions)\.ts$/.test(importer);
    const allowed = wiring || to.domain === "auth" || to.module === "errors" || (to.domain === "system" && importer.startsWith("app/api/health/"));
    if (!allowed) return "app/ reaches server code through tRPC (the server caller or the client hooks), not by importing server modules.";
  }
  if (from.layer === "server" && from.domain && to.domain && from.domain !== to.domain && to.module !== "service" && to.module !== "env" && !isTest(importer))
    return `The ${from.domain} domain may use the ${to.domain} domain only through server/${to.domain}/service.ts.`;
  return null;
}

const importDirection = {
  meta: { type: "problem", docs: { description: "Keep the import direction between layers and domains" }, schema: [] },
  create(context) {
    const importer = repoPath(context.filename);
    const check = (node, specifier, typeOnly) => {
      const target = resolveImport(specifier, context.filename);
      if (!target) return;
      const message = violation(importer, target, typeOnly);
      if (message) context.report({ node, message: `${message} (${specifier})` });
    };
    return {
      ImportDeclaration(node) {
        const typeOnly = node.importKind === "type" || (node.specifiers.length > 0 && node.specifiers.every((s) => s.importKind === "type"));
        check(node, node.source.value, typeOnly);
      },
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === "type");
      },
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === "type");
      },
      ImportExpression(node) {
        if (node.source.type === "Literal" && typeof node.source.value === "string") check(node, node.source.value, false);
      },
    };
  },
};

export const boundaries = { rules: { "import-direction": importDirection } };
