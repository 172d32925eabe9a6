// The benchmarks' view of the app harness (scripts/harness/app.ts): one implementation for all.
export { bootApp, freePort, stop, throwawayEnv, waitHealthy, type BootedApp } from "../scripts/harness/app";
