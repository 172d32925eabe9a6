// `npm run worker`: a training worker (see worker-main.ts). The server's modules mark themselves
// `import "server-only"`, which throws outside React's server environment; this process is server
// code too, so that import resolves the way Next resolves it on the server (to an empty module).
import { register } from "node:module";

const resolveServerOnly = `export async function resolve(specifier, context, next) {
  if (specifier === "server-only") return next(specifier, { ...context, conditions: [...context.conditions, "react-server"] });
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(resolveServerOnly)}`);

await import("./worker-main");
