// Runs one command as a child and ends it when our parent goes away, even by kill -9: the parent
// holds our stdin open, so its end means the parent is gone. Node has no PR_SET_PDEATHSIG, and an
// orphaned Next server would hold the port and block the next `npm start`.
import { spawn } from "node:child_process";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: node scripts/supervised.mjs <command> [args...]");
  process.exit(2);
}

const child = spawn(command, args, { stdio: ["ignore", "inherit", "inherit"], env: process.env });
let stopping = false;

function stop(signal) {
  if (stopping) return;
  stopping = true;
  child.kill(signal);
  // A child that ignores SIGTERM gets SIGKILL; unref so this timer alone does not hold us up.
  setTimeout(() => child.kill("SIGKILL"), 10_000).unref();
}

process.stdin.on("end", () => stop("SIGTERM"));
process.stdin.on("close", () => stop("SIGTERM"));
process.stdin.on("error", () => stop("SIGTERM"));
process.stdin.resume();
for (const signal of ["SIGTERM", "SIGINT", "SIGHUP"]) process.on(signal, () => stop(signal));

child.on("exit", (code, signal) => {
  process.exit(code ?? (signal ? 1 : 0));
});
