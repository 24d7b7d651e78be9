'use strict';
// The official pusher SDK's REST calls, one per run:
//   node sdk-trigger.js trigger CHANNEL[,CHANNEL…] EVENT DATA_JSON [PARAMS_JSON]
//   node sdk-trigger.js batch FILE            (FILE: a JSON array of {channel,name,data,…}; - = stdin)
//   node sdk-trigger.js get PATH [PARAMS_JSON]  (e.g. /channels, /channels/presence-x/users)
// Prints {"status":…,"body":…}; on failure {"type":"error",…} and exit 1.
// DATA_JSON that is not JSON is sent as the string itself; the SDK JSON-encodes objects.

const fs = require('fs');
const { emit, plain, parseJson, sdk } = require('./common');

async function reply(response) {
  const text = await response.text();
  return { status: response.status, body: parseJson(text, text) };
}

async function main(argv) {
  const [command, ...rest] = argv;
  const pusher = sdk();
  switch (command) {
    case 'trigger': {
      const [channels, event, data, params] = rest;
      if (!channels || !event || data === undefined) throw new Error('usage: trigger CHANNEL EVENT DATA_JSON [PARAMS_JSON]');
      const list = channels.split(',');
      return reply(await pusher.trigger(list.length === 1 ? list[0] : list, event,
        parseJson(data, data), params ? JSON.parse(params) : undefined));
    }
    case 'batch': {
      const [file] = rest;
      if (!file) throw new Error('usage: batch FILE');
      const batch = JSON.parse(fs.readFileSync(file === '-' ? 0 : file, 'utf8'));
      return reply(await pusher.triggerBatch(batch));
    }
    case 'get': {
      const [path, params] = rest;
      if (!path) throw new Error('usage: get PATH [PARAMS_JSON]');
      return reply(await pusher.get({ path, params: params ? JSON.parse(params) : {} }));
    }
    default:
      throw new Error(`unknown command ${JSON.stringify(command)}: trigger, batch or get`);
  }
}

main(process.argv.slice(2)).then(
  (result) => emit(result),
  (err) => {
    const error = plain(err);
    emit({ type: 'error', status: error.status ?? null, body: parseJson(error.body, error.body ?? null), message: error.message });
    process.exitCode = 1;
  },
);
