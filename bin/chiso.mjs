#!/usr/bin/env node
// `npx chiso …`: the command line. Node 24 runs the TypeScript sources directly (type stripping).
const [major] = process.versions.node.split('.').map(Number);
if (major < 24) {
  console.error(
    `Chiso cần Node 24 trở lên (đang chạy ${process.version}). Chạy qua "npx chiso" hoặc "npm run" trong thư mục dự án sau "npm ci".`,
  );
  process.exit(1);
}
await import('../server/cli/main.ts');
