'use strict';
// A real app-server auth endpoint for the tests, built on the official pusher SDK (as an app
// developer would write it): POST /pusher/auth -> authorizeChannel, POST /pusher/user-auth ->
// authenticateUser. Requires "Authorization: Bearer test-token".
//
//   node auth-endpoint.js [port]     (port also from CS_ENDPOINT_PORT; 0 = any free port)
//   env: CS_KEY, CS_SECRET (CS_ENDPOINT_SECRET overrides it to simulate a mismatch), CS_MASTER_KEY_B64
//
// Prints {"type":"listening","port":N} once listening, then one {"type":"request",…} line per
// request. Channel names that trigger failures: private-fail-500 (500, text body),
// private-not-json (200 "<html>oops</html>"), private-no-auth (200 {}), private-slow (no answer),
// presence-no-data (no channel_data), private-encrypted-no-secret (no shared_secret),
// private-leaky (a valid auth plus credential-like members the log must mask: access_token,
// refresh_token, session, password). User-auth failures by path: /pusher/user-auth/fail-500,
// /not-json, /no-auth, /no-user-data, /wrong-key, /slow (no answer). The user id (channel_data /
// user_data) is X-User, else "endpoint-user".

const http = require('http');
const querystring = require('querystring');
const { config, dep, emit, parseJson, readCommands } = require('./common');

const TOKEN = process.env.CS_ENDPOINT_TOKEN || 'test-token';

function makeSdk() {
  const Pusher = dep('pusher');
  const options = {
    appId: config.appId, key: config.key,
    secret: process.env.CS_ENDPOINT_SECRET || config.secret,
    host: config.host, port: config.port, useTLS: false,
  };
  if (config.masterKeyBase64) options.encryptionMasterKeyBase64 = config.masterKeyBase64;
  return new Pusher(options);
}

const pusher = makeSdk();

function send(res, status, body, type) {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': type || 'application/json' });
  res.end(text);
}

function parseBody(req, raw) {
  const type = String(req.headers['content-type'] || '');
  if (type.includes('application/json')) return parseJson(raw, {});
  return querystring.parse(raw);
}

function handle(req, res, raw) {
  const params = parseBody(req, raw);
  emit({
    type: 'request', method: req.method, url: req.url, contentType: req.headers['content-type'] || '',
    authorization: req.headers.authorization || '', body: raw, params,
  });
  if (req.method !== 'POST') return send(res, 405, { error: 'POST only' });
  if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 403, { error: 'missing token' });
  const userId = String(req.headers['x-user'] || 'endpoint-user');
  try {
    if (req.url.startsWith('/pusher/auth')) {
      const channel = String(params.channel_name || '');
      const socketId = String(params.socket_id || '');
      if (channel === 'private-fail-500') return send(res, 500, 'internal error: database down', 'text/plain');
      if (channel === 'private-not-json') return send(res, 200, '<html>oops</html>', 'text/html');
      if (channel === 'private-no-auth') return send(res, 200, {});
      if (channel === 'private-slow') return;  // never answers
      const presence = channel.startsWith('presence-')
        ? { user_id: userId, user_info: { name: `Endpoint ${userId}` } } : undefined;
      const answer = pusher.authorizeChannel(socketId, channel, presence);
      if (channel === 'presence-no-data') delete answer.channel_data;
      if (channel === 'private-encrypted-no-secret') delete answer.shared_secret;
      if (channel === 'private-leaky') {
        Object.assign(answer, {
          access_token: 'leak-access-0123456789', refresh_token: 'leak-refresh-0123456789',
          session: { id: 'leak-session-0123456789' }, password: 'leak-password-42',
        });
      }
      return send(res, 200, answer);
    }
    if (req.url.startsWith('/pusher/user-auth')) {
      const socketId = String(params.socket_id || '');
      // /pusher/user-auth/<mode>: the failures a user-auth endpoint can answer.
      const mode = req.url.slice('/pusher/user-auth'.length).split('?')[0].replace(/^\//, '');
      if (mode === 'fail-500') return send(res, 500, 'internal error: database down', 'text/plain');
      if (mode === 'not-json') return send(res, 200, '<html>oops</html>', 'text/html');
      if (mode === 'slow') return;  // never answers
      const answer = pusher.authenticateUser(socketId, { id: userId, user_info: { name: `Endpoint ${userId}` } });
      if (mode === 'no-auth') delete answer.auth;
      if (mode === 'no-user-data') delete answer.user_data;
      if (mode === 'wrong-key') answer.auth = `other-key:${String(answer.auth).split(':').pop()}`;
      return send(res, 200, answer);
    }
    return send(res, 404, { error: 'not found' });
  } catch (err) {
    return send(res, 400, { error: String(err && err.message || err) });
  }
}

const server = http.createServer((req, res) => {
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (chunk) => { raw += chunk; });
  req.on('end', () => handle(req, res, raw));
});

const port = Number(process.argv[2] || process.env.CS_ENDPOINT_PORT || 0);
server.listen(port, '127.0.0.1', () => emit({ type: 'listening', port: server.address().port }));

// Under NodePeer, stdin closing means the test is done; by hand (a TTY) keep serving.
if (!process.stdin.isTTY) {
  readCommands(() => {}, () => {
    server.close();
    process.exit(0);
  });
}
