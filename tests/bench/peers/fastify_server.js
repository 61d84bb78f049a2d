'use strict';
// The peer a web developer would pick: fastify + better-sqlite3 reading the same SQLite file,
// with the straightforward query (COUNT(*) for the total, OFFSET for the page).
//   DB=file PORT=n WORKERS=1|2 node fastify_server.js
const cluster = require('node:cluster');
const workers = Number(process.env.WORKERS || 1);

if (cluster.isPrimary && workers > 1) {
  for (let i = 0; i < workers; i++) cluster.fork();
  process.on('SIGTERM', () => { for (const w of Object.values(cluster.workers)) w.kill(); process.exit(0); });
} else {
  const Database = require('better-sqlite3');
  const fastify = require('fastify')({ logger: false });
  const db = new Database(process.env.DB, { readonly: true });
  db.pragma('mmap_size = 268435456');
  db.pragma('cache_size = -65536');
  const count = db.prepare('SELECT count(*) AS n FROM referrals WHERE to_organization_id = ? AND status = ?');
  const page = db.prepare(
    `SELECT r.*, fp.name AS from_project_name, tp.name AS to_project_name,
            c.first_name || ' ' || c.last_name AS client_name
     FROM referrals r JOIN projects fp ON fp.id = r.from_project_id JOIN projects tp ON tp.id = r.to_project_id
     JOIN clients c ON c.id = r.client_id
     WHERE r.to_organization_id = ? AND r.status = ? ORDER BY r.referral_date DESC, r.id DESC LIMIT ? OFFSET ?`);
  fastify.get('/health', async () => ({ status: 'ok' }));
  fastify.get('/api/referrals', async (req) => {
    const org = Number(req.query.organization_id || 1);
    const status = req.query.status || 'pending';
    const size = Math.min(Number(req.query.page_size || 50), 200);
    const number = Number(req.query.page || 1);
    return { items: page.all(org, status, size, (number - 1) * size), total: count.get(org, status).n,
             page: number, page_size: size };
  });
  fastify.listen({ port: Number(process.env.PORT), host: '127.0.0.1' }).then(() => {
    if (!cluster.isWorker || cluster.worker.id === 1) console.log('listening');
  });
}
