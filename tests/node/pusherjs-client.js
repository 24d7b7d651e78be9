'use strict';
// The official pusher-js (Node build) as a peer: node pusherjs-client.js [CHANNEL…]
// Private and presence channels are signed in-process by the official pusher SDK, so no auth
// endpoint is needed. CS_USER_ID / CS_USER_INFO (JSON) are the presence member and signed-in user.
//
// Prints one JSON object per line:
//   {type:"state",previous,current} {type:"connected",socket_id} {type:"subscribed",channel,members?}
//   {type:"subscription_error",channel,error} {type:"event",channel,event,data,user_id}
//   {type:"member_added"|"member_removed",channel,id,info} {type:"members",channel,count,me,members}
//   {type:"sent",channel,event,ok} {type:"unsubscribed",channel} {type:"signed_in",user_data}
//   {type:"user_event",event,data} {type:"error",error}
// Reads commands, one JSON object per line on stdin:
//   {cmd:"subscribe"|"unsubscribe"|"members",channel} {cmd:"client_event",channel,event,data}
//   {cmd:"signin"} {cmd:"quit"}; end of input quits too. Exit code 0 on quit.
// CS_DEBUG=1 sends pusher-js's own log to stderr.

const { config, dep, emit, plain, parseJson, sdk, readCommands } = require('./common');

const Pusher = dep('pusher-js');
const signer = sdk();
const userId = process.env.CS_USER_ID || `pusherjs-${process.pid}`;
const userInfo = parseJson(process.env.CS_USER_INFO || 'null', null) ?? undefined;

if (process.env.CS_DEBUG) Pusher.log = (message) => process.stderr.write(`${message}\n`);

// Calls a SDK signing function the way pusher-js's custom handlers expect: (error, authData).
function signWith(produce, callback) {
  let result;
  try {
    result = produce();
  } catch (err) {
    callback(err, null);
    return;
  }
  callback(null, result);
}

const pusher = new Pusher(config.key, {
  cluster: 'mt1',
  wsHost: config.host,
  wsPort: config.port,
  wssPort: config.port,
  forceTLS: false,
  enabledTransports: ['ws'],
  disableStats: true,
  channelAuthorization: {
    customHandler: ({ socketId, channelName }, callback) => signWith(() => signer.authorizeChannel(
      socketId, channelName,
      channelName.startsWith('presence-') ? { user_id: userId, user_info: userInfo } : undefined), callback),
  },
  userAuthentication: {
    customHandler: ({ socketId }, callback) => signWith(
      () => signer.authenticateUser(socketId, { id: userId, user_info: userInfo }), callback),
  },
});

const connection = pusher.connection;
// pusher-js connects inside its constructor: report the state that the binding below missed.
emit({ type: 'state', previous: null, current: connection.state });
connection.bind('state_change', ({ previous, current }) => emit({ type: 'state', previous, current }));
connection.bind('connected', () => emit({ type: 'connected', socket_id: connection.socket_id }));
connection.bind('error', (error) => emit({ type: 'error', error: plain(error) }));

pusher.user.bind('pusher:signin_error', (error) => emit({ type: 'signin_error', error: plain(error) }));
pusher.user.bind_global((event, data) => {
  if (!event.startsWith('pusher:')) emit({ type: 'user_event', event, data });
});

function membersOf(channel) {
  const members = channel.members;
  return { count: members.count, me: members.me, members: members.members };
}

// A Channel object per subscription: pusher-js makes a new one after an unsubscribe.
const watched = new WeakSet();

function watch(channel) {
  if (watched.has(channel)) return channel;
  watched.add(channel);
  const name = channel.name;
  channel.bind('pusher:subscription_succeeded', () => {
    const line = { type: 'subscribed', channel: name };
    if (channel.members) line.members = channel.members.members;
    emit(line);
  });
  channel.bind('pusher:subscription_error', (error) => emit({ type: 'subscription_error', channel: name, error: plain(error) }));
  channel.bind('pusher:member_added', (m) => emit({ type: 'member_added', channel: name, id: m.id, info: m.info ?? null }));
  channel.bind('pusher:member_removed', (m) => emit({ type: 'member_removed', channel: name, id: m.id, info: m.info ?? null }));
  // Not bind_global: pusher-js 8.6.0 hands global callbacks (event, data) only and drops the
  // metadata that carries user_id. emit() sees every event, decrypted, with its metadata.
  const originalEmit = channel.emit;
  channel.emit = function emitAndReport(event, data, metadata) {
    if (!event.startsWith('pusher:') && !event.startsWith('pusher_internal:')) {
      emit({ type: 'event', channel: name, event, data, user_id: (metadata && metadata.user_id) ?? null });
    }
    return originalEmit.call(this, event, data, metadata);
  };
  return channel;
}

function subscribe(name) {
  watch(pusher.subscribe(name));
}

let quitting = false;
function quit(code) {
  if (quitting) return;
  quitting = true;
  if (connection.state === 'disconnected' || connection.state === 'initialized') process.exit(code);
  // Let the close frame go out: exit once pusher-js says disconnected, or after a second.
  connection.bind('state_change', ({ current }) => { if (current === 'disconnected') process.exit(code); });
  setTimeout(() => process.exit(code), 1000).unref();
  pusher.disconnect();
}

const commands = {
  subscribe: ({ channel }) => subscribe(channel),
  unsubscribe: ({ channel }) => {
    pusher.unsubscribe(channel);
    emit({ type: 'unsubscribed', channel });
  },
  members: ({ channel }) => {
    const ch = pusher.channel(channel);
    if (!ch || !ch.members) {
      emit({ type: 'error', error: `not subscribed to a presence channel named ${channel}` });
      return;
    }
    emit({ type: 'members', channel, ...membersOf(ch) });
  },
  client_event: ({ channel, event, data }) => {
    const ch = pusher.channel(channel);
    const ok = ch ? ch.trigger(event, data ?? {}) : false;
    emit({ type: 'sent', channel, event, ok });
  },
  signin: () => {
    pusher.signin();
    pusher.user.signinDonePromise.then(() => {
      if (pusher.user.user_data) emit({ type: 'signed_in', user_data: pusher.user.user_data });
    });
  },
  quit: () => quit(0),
};

readCommands((command) => {
  const run = commands[command.cmd];
  if (!run) {
    emit({ type: 'error', error: `unknown command ${JSON.stringify(command.cmd)}` });
    return;
  }
  try {
    run(command);
  } catch (err) {
    emit({ type: 'error', error: plain(err) });
  }
}, () => quit(0));

process.on('uncaughtException', (err) => {
  emit({ type: 'error', error: plain(err), fatal: true });
  process.exit(1);
});

for (const name of process.argv.slice(2)) subscribe(name);
