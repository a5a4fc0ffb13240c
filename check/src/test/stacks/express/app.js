// StackFixIT: an express API; the test writes its CORS configuration where the marker is.
const express = require('express');

const app = express();

/* CORS */

app.all('/api/items', (req, res) => res.json({ ok: true }));

app.listen(Number(process.argv[2]), '127.0.0.1');
