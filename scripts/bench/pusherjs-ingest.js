'use strict';
// pusher-js 8.6.0 (its Node build) as an ingest reader for channelscope-bench: connects to the
// frame source, subscribes, binds the channel event and the `bench-end` marker, and either keeps
// every event (time, channel, event, parsed data) in an array, as a log would (CS_MODE=keep, the
// default), or only counts them, as a user's script that binds a handler does (CS_MODE=count).
// Measured from the first event to the marker, like the C++ readers. Prints one JSON line:
//   {"part":"pusherjs","ok":true,"events":N,"received":N,"seconds":S,"rate":R,...}
// Environment: CS_HOST (127.0.0.1), CS_PORT, CS_EVENTS (expected count), CS_KEY (bench-key),
// CS_CHANNEL (private-orders), CS_EVENT (order-updated), CS_TIMEOUT (seconds, 300).

const path = require('path');

function dep(name) {
  try {
    return require(name);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err;
    return require(path.join(__dirname, '..', 'node', 'node_modules', name));
  }
}

const Pusher = dep('pusher-js');
const pusherVersion = dep('pusher-js/package.json').version;
const host = process.env.CS_HOST || '127.0.0.1';
const port = Number(process.env.CS_PORT);
const expected = Number(process.env.CS_EVENTS);
const key = process.env.CS_KEY || 'bench-key';
const channelName = process.env.CS_CHANNEL || 'private-orders';
const eventName = process.env.CS_EVENT || 'order-updated';
const timeoutSeconds = Number(process.env.CS_TIMEOUT || 300);
const mode = process.env.CS_MODE === 'count' ? 'count' : 'keep';

function finish(result, code) {
  process.stdout.write(`${JSON.stringify({ part: 'pusherjs', mode, version: pusherVersion, node: process.version, ...result })}\n`);
  process.exit(code);
}

if (!port || !expected) finish({ ok: false, error: 'CS_PORT and CS_EVENTS are required' }, 2);

const pusher = new Pusher(key, {
  cluster: 'mt1',
  wsHost: host,
  wsPort: port,
  wssPort: port,
  forceTLS: false,
  enabledTransports: ['ws'],
  disableStats: true,
  // The frame source checks no signature: answer at once, as a local signer would.
  channelAuthorization: {
    customHandler: (params, callback) => callback(null, { auth: `${key}:${'0'.repeat(64)}` }),
  },
});

const log = [];
let received = 0;
let lastData = null;
let start = 0n;
let cpuAtStart = null;
const channel = pusher.subscribe(channelName);
channel.bind(eventName, (data) => {
  if (start === 0n) {
    start = process.hrtime.bigint();
    cpuAtStart = process.cpuUsage();
  }
  received += 1;
  lastData = data;
  if (mode === 'keep') log.push({ time: Date.now(), channel: channelName, event: eventName, data });
});
channel.bind('bench-end', () => {
  const end = process.hrtime.bigint();
  const cpu = process.cpuUsage(cpuAtStart || undefined);
  const seconds = start ? Number(end - start) / 1e9 : 0;
  const ok = received === expected && (mode === 'count' || log.length === expected) && seconds > 0;
  // Parsed (and, when kept, stored): the data of the last event is an object, not the wire's string.
  const parsed = received > 0 && typeof lastData === 'object' && (mode === 'count' || log[log.length - 1].data === lastData);
  finish({
    ok: ok && parsed,
    error: ok ? (parsed ? '' : 'data not parsed') : `received ${received} of ${expected} events`,
    events: expected,
    received,
    seconds,
    rate: seconds > 0 ? (received - 1) / seconds : 0,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    rss_mib: process.memoryUsage().rss / 1048576,
  }, ok ? 0 : 1);
});
pusher.connection.bind('error', (error) => process.stderr.write(`pusher-js: ${JSON.stringify(error && error.error ? error.error : error)}\n`));
setTimeout(() => finish({ ok: false, error: `no marker within ${timeoutSeconds} s`, received }, 1), timeoutSeconds * 1000).unref();
