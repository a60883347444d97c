import express from 'express';

// The ceiling: the same Express 5, on the same loopback, answering a constant JSON body.
const app = express();
app.disable('x-powered-by');
app.get('/', (_req, res) => {
  res.json({ forecast: { date: '2017-08-16', item_nbr: 99197, store_nbr: 44, onpromotion: false, unit_sales: 8.53 }, modelVersion: '000000000000' });
});
const server = app.listen(Number(process.env['PORT'] ?? 0), '127.0.0.1', () => {
  const address = server.address();
  console.log(`bare listening on http://localhost:${typeof address === 'object' && address ? address.port : 0}`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
