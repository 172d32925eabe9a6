// Stands in for `server-only` under Vitest: the real package throws when imported outside a React
// Server Components build, which tests of server code are not.
export {};
