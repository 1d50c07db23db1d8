// Stands in for `server-only` under vitest: the guard matters to bundlers, not to tests.
export {};
