import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PGlite runs queries on the thread that calls it. Here it gets a thread of its own and speaks the
 * PostgreSQL wire protocol on a private Unix socket, so the HTTP server's event loop never stalls on a
 * query and the application talks to both engines through the same node-postgres driver.
 */
const { dataDir, socketPath } = workerData as { dataDir: string; socketPath: string };

const db = await PGlite.create(dataDir);
// The application opens one connection at a time, but node-postgres replaces a connection after a query
// error by opening the next one before the server has seen the old one close: allow a few at once (the
// server still runs one query at a time and keeps a transaction to its own connection).
const server = new PGLiteSocketServer({
  db,
  path: socketPath,
  maxConnections: 8,
  debug: process.env.CHISO_PG_DEBUG === '1',
});
await server.start();
parentPort?.postMessage({ type: 'ready' });

parentPort?.on('message', async (message: { type: string }) => {
  if (message.type !== 'close') return;
  await server.stop();
  await db.close();
  parentPort?.postMessage({ type: 'closed' });
});
