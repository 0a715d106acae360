'use strict';
// The protocol's pure parts: decoding jobs, encoding results, failures and queue arguments.

const test = require('node:test');
const assert = require('node:assert/strict');
const p = require('../lib/protocol');

const JOB = {
  format: 2, workflowId: 'w', phase: 'p', entry: 1, job: 0, attempt: 1, handler: 'H', version: 1,
  payload: { x: 1 }, data: {}, inputs: {},
};
const body = (changes = {}) => {
  const m = { ...JOB, ...changes };
  for (const k of Object.keys(m)) if (m[k] === undefined) delete m[k];
  return Buffer.from(JSON.stringify(m));
};

test('a job decodes with its attempt id and heartbeat', () => {
  const job = p.decodeJob(body({ heartbeatMillis: 3000, attempt: 2 }));
  assert.deepEqual([job.workflowId, job.entry, job.job, job.attempt], ['w', 1, 0, 2]);
  assert.equal(job.heartbeatMillis, 3000);
  assert.deepEqual(job.payload, { x: 1 });
});

test('format 1 and unknown fields are read', () => {
  const job = p.decodeJob(body({ format: undefined, somethingNew: true }));
  assert.equal(job.handler, 'H');
  assert.equal(job.heartbeatMillis, 0);
});

test('what can never run is malformed, naming the field', () => {
  const cases = [
    [Buffer.from('[1]'), 'expected a Job object'],
    [Buffer.from('{nope'), 'not a valid Job message'],
    [body({ format: 3 }), 'format 3 is newer'],
    [body({ workflowId: undefined }), 'Job without workflowId'],
    [body({ phase: '' }), 'Job without phase'],
    [body({ entry: 0 }), 'Job entry is 0; expected a phase entry number >= 1'],
    [body({ job: -1 }), 'Job job is -1'],
    [body({ attempt: undefined }), 'Job attempt is missing'],
    [body({ version: true }), 'Job version is true'],
  ];
  for (const [raw, reason] of cases) {
    assert.throws(() => p.decodeJob(raw), (e) => e instanceof p.MalformedMessage && e.message.includes(reason), reason);
  }
});

test('outcomes as the Java runner makes them', async () => {
  const job = p.decodeJob(body());
  const cases = [
    [async () => ({ n: 1 }), { ok: true, output: { n: 1 }, retryable: false }],
    [() => undefined, { ok: true, output: null, retryable: false }],
    [() => { throw new p.JobFailed('bad input'); }, { ok: false, error: 'bad input', retryable: false }],
    [async () => { throw new p.JobFailed('busy', { retryable: true }); }, { ok: false, error: 'busy', retryable: true }],
    [() => { throw new TypeError('x is undefined'); }, { ok: false, error: 'TypeError: x is undefined', retryable: true }],
    [() => { throw 'a string'; }, { ok: false, error: 'thrown: a string', retryable: true }],
    [() => 10n, { ok: false, retryable: false, error: 'H returned an output that is not JSON: Do not know how to serialize a BigInt' }],
  ];
  for (const [fn, expected] of cases) assert.deepEqual(await p.outcomeOf(fn, job, {}), expected);
});

test('JobFinished and JobHeartbeat carry the attempt id', () => {
  const job = p.decodeJob(body());
  assert.deepEqual(JSON.parse(p.jobFinished(job, p.failure('no', false), 10, 20)), {
    format: 2, workflowId: 'w', entry: 1, job: 0, attempt: 1, handler: 'H', ok: false, error: 'no',
    retryable: false, startedAt: 10, finishedAt: 20,
  });
  assert.deepEqual(JSON.parse(p.jobHeartbeat(job, 15)), { format: 2, workflowId: 'w', entry: 1, job: 0, attempt: 1, at: 15 });
});

test('queue names and following an existing queue', () => {
  assert.equal(p.inNamespace('ns', p.handlerQueue('H', 2)), 'ns.phaseflow.handler.H.v2');
  assert.equal(p.inNamespace(null, p.JOB_FINISHED), 'phaseflow.job-finished');
  const reply = (arg, received, current) =>
    `Operation failed: QueueDeclare; 406 (PRECONDITION-FAILED) with message "PRECONDITION_FAILED - inequivalent arg '${arg}' for queue 'q' in vhost '/': received ${received} but current is ${current}"`;
  const quorum = { ...p.QUORUM };
  assert.deepEqual(p.following(reply('x-queue-type', 'none', "the value 'quorum' of type 'longstr'"), {}), quorum);
  assert.deepEqual(p.following(reply('x-queue-type', "'quorum'", 'none'), quorum), { ...p.CLASSIC });
  assert.deepEqual(p.following(reply('x-queue-mode', "'lazy'", 'none'), { ...p.CLASSIC }), {});
  assert.deepEqual(p.following(reply('x-queue-mode', "'lazy'", "the value 'default' of type 'longstr'"), { ...p.CLASSIC }), { 'x-queue-mode': 'default' });
  assert.deepEqual(p.following(reply('x-queue-mode', 'none', "the value 'lazy' of type 'longstr'"), quorum), { ...p.CLASSIC });
  assert.equal(p.following(reply('x-queue-type', 'none', "the value 'stream' of type 'longstr'"), {}), null);
  assert.deepEqual(p.following(reply('x-queue-leader-locator', "'balanced'", 'none'), quorum), { 'x-queue-type': 'quorum' });
  assert.equal(p.following('NOT_FOUND - no queue', {}), null);
});

test('each priority has its queue and normal keeps the name queues had before', () => {
  const table = {
    high: 'phaseflow.handler.PageSummarizer.v2.high',
    normal: 'phaseflow.handler.PageSummarizer.v2',
    low: 'phaseflow.handler.PageSummarizer.v2.low',
  };
  for (const [priority, queue] of Object.entries(table)) {
    assert.equal(p.handlerQueue('PageSummarizer', 2, priority), queue);
  }
  assert.equal(p.handlerQueue('PageSummarizer', 2), table.normal);
  assert.deepEqual([...p.PRIORITIES], ['high', 'normal', 'low']);
  assert.throws(() => p.handlerQueue('PageSummarizer', 2, 'urgent'), /expected one of high, normal, low/);
});

test('a free instance goes to the waiting delivery of the highest priority', async () => {
  const { Instances } = require('../lib/instances');
  const free = new Instances(1);
  await free.acquire(2); // a low job runs
  const order = [];
  const waiting = [[2, 'low'], [1, 'normal'], [0, 'high']].map(([level, name]) =>
    free.acquire(level).then(() => { order.push(name); free.release(); }));
  free.release();
  await Promise.all(waiting);
  assert.deepEqual(order, ['high', 'normal', 'low']);
});
