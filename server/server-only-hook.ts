// Imported first by processes that run server code outside Next (the training worker, benchmarks):
// the server's modules mark themselves `import "server-only"`, which throws outside React's server
// environment. These processes are server code too, so that one import resolves the way Next
// resolves it on the server (to an empty module); nothing else changes how modules resolve.
import { register } from "node:module";

const resolveServerOnly = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(resolveServerOnly)}`);
