// `npm run worker`: a training worker (see worker-main.ts). The server's modules mark themselves
// `import "server-only"`, which throws outside React's server environment; this process is server
// code too, so that import resolves the way Next resolves it on the server (to an empty module).
import "../server-only-hook";

await import("./worker-main");
