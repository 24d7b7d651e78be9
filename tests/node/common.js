'use strict';
// Shared by the peer scripts: where the server is (env), the official SDK, and the line protocol
// (one JSON object per line on stdout, JSON commands per line on stdin).

const path = require('path');
const readline = require('readline');

// NodePeer sets NODE_PATH; by hand, fall back to the project's own node_modules.
function dep(name) {
  try {
    return require(name);
  } catch (err) {
    if (err.code !== 'MODULE_NOT_FOUND') throw err;
    return require(path.join(__dirname, '..', '..', 'scripts', 'node', 'node_modules', name));
  }
}

// Defaults are the sandbox's (scripts/sandbox.sh), handy when trying a script by hand.
const config = {
  host: process.env.CS_HOST || '127.0.0.1',
  port: Number(process.env.CS_PORT || 6001),
  appId: process.env.CS_APP_ID || 'app-id',
  key: process.env.CS_KEY || 'app-key',
  secret: process.env.CS_SECRET || 'app-secret',
  masterKeyBase64: process.env.CS_MASTER_KEY_B64 || undefined,
};

// Pipes are synchronous on Linux, so a line written here is out before a process.exit().
function emit(object) {
  process.stdout.write(JSON.stringify(object) + '\n');
}

// Errors and pusher-js error events may hold sockets or cycles: keep what JSON can carry.
function plain(value) {
  if (value instanceof Error) {
    const out = { name: value.name, message: value.message };
    for (const k of ['status', 'body', 'url', 'code']) if (value[k] !== undefined) out[k] = value[k];
    return out;
  }
  const seen = new WeakSet();
  try {
    return JSON.parse(JSON.stringify(value, (k, v) => {
      if (typeof v === 'object' && v !== null) {
        if (seen.has(v)) return undefined;
        seen.add(v);
      }
      return v;
    }) ?? 'null');
  } catch (err) {
    return String(value);
  }
}

function parseJson(text, fallback) {
  try {
    return JSON.parse(text);
  } catch (err) {
    return fallback;
  }
}

function sdk() {
  const Pusher = dep('pusher');
  const options = {
    appId: config.appId, key: config.key, secret: config.secret,
    host: config.host, port: config.port, useTLS: false,
  };
  if (config.masterKeyBase64) options.encryptionMasterKeyBase64 = config.masterKeyBase64;
  return new Pusher(options);
}

// Calls onLine(object) for each JSON line on stdin, onEnd() when stdin closes.
function readCommands(onLine, onEnd) {
  const rl = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  rl.on('line', (line) => {
    if (!line.trim()) return;
    const command = parseJson(line, undefined);
    if (command === undefined || typeof command !== 'object') {
      emit({ type: 'error', error: 'not a JSON object', line });
      return;
    }
    onLine(command);
  });
  rl.on('close', onEnd);
}

module.exports = { config, dep, emit, plain, parseJson, sdk, readCommands };
