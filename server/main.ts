import { enableCompileCache } from 'node:module';

// `npm start`: V8's compiled code (and Node's stripped TypeScript) kept in .cache/node between starts,
// about a fifth of the start's CPU on two cores. Static imports would load before this line: the
// server itself is imported after it.
enableCompileCache(new URL('../.cache/node', import.meta.url).pathname);
await import('./serve.ts');
