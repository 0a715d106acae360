'use strict';
// Phaseflow handlers in Node.js: the job protocol (docs/protocol.md) over RabbitMQ with amqplib.

const { parseArgs } = require('node:util');
const { JobFailed } = require('./protocol');
const { Runner, handler } = require('./runner');

const USAGE = 'options: --amqp URL (default $PHASEFLOW_AMQP_URL) --namespace NS --instances N ' +
  '(default 1) --prefetch N (default 10) --quorum --queue NAME[,NAME]|all';

/** Parses the command line, runs handlers until SIGTERM or SIGINT, then exits 0. */
async function main(handlers, argv = process.argv.slice(2)) {
  // A closed stdout or stderr (a supervisor that went first) is no reason to fail.
  process.stdout.on('error', () => {});
  process.stderr.on('error', () => {});
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        amqp: { type: 'string', default: process.env.PHASEFLOW_AMQP_URL || 'amqp://guest:guest@127.0.0.1:5672' },
        namespace: { type: 'string', default: process.env.PHASEFLOW_NAMESPACE || '' },
        instances: { type: 'string', default: '1' },
        prefetch: { type: 'string', default: '10' },
        quorum: { type: 'boolean', default: false },
        queue: { type: 'string', default: 'all' },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    return;
  }
  let chosen = handlers;
  if (values.queue !== 'all') {
    const wanted = values.queue.split(',');
    chosen = handlers.filter((h) => wanted.includes(h.name));
    const unknown = wanted.filter((n) => !chosen.some((h) => h.name === n));
    if (unknown.length) {
      console.error(`no handler named ${unknown.join(', ')}; this process has ` +
        handlers.map((h) => `${h.name} v${h.version}`).join(', '));
      process.exit(2);
    }
  }
  let runner;
  try {
    runner = new Runner({
      amqpUrl: values.amqp, namespace: values.namespace || null, quorum: values.quorum,
      instances: Number(values.instances), prefetch: Number(values.prefetch),
    });
  } catch (e) {
    console.error(`${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const stop = () => runner.stop().then(() => { console.log('stopped'); process.exit(0); });
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  try {
    await runner.start(chosen);
  } catch (e) {
    console.error(`cannot start handlers on ${values.amqp.replace(/\/\/[^@]*@/, '//***@')}: ${e.message}`);
    process.exit(1);
  }
}

module.exports = { JobFailed, Runner, handler, main };
