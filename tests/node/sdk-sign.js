'use strict';
// The official pusher SDK as a signing oracle. Per stdin line:
//   {"socket_id","channel","channel_data"?: {...}}  -> authorizeChannel(): {auth, channel_data?, shared_secret?}
//   {"socket_id","user": {...}}                      -> authenticateUser(): {auth, user_data}
// one result line each, in order ({"error": …} when the SDK refuses); exits at end of input,
// with 1 when any line failed. CS_MASTER_KEY_B64 enables private-encrypted- channels.

const { emit, plain, sdk, readCommands } = require('./common');

let pusher;
let failures = 0;
try {
  pusher = sdk();
} catch (err) {
  emit({ error: plain(err) });
  process.exit(1);
}

readCommands((request) => {
  try {
    if (request.user !== undefined) {
      emit(pusher.authenticateUser(request.socket_id, request.user));
    } else {
      emit(pusher.authorizeChannel(request.socket_id, request.channel, request.channel_data));
    }
  } catch (err) {
    failures += 1;
    emit({ error: plain(err) });
  }
}, () => process.exit(failures ? 1 : 0));
