'use strict';
// A batch message (a JSON array of jobs): each job runs, each result is published, and the message
// is acked only after all of them (docs/protocol.md section 4).

const test = require('node:test');
const assert = require('node:assert/strict');
const p = require('../lib/protocol');
const { Deployment, handler } = require('../lib/runner');

const JOB = { format: 2, workflowId: 'w', phase: 'p', entry: 1, attempt: 1, handler: 'H', version: 1 };
const batch = (...indexes) => Buffer.from(JSON.stringify(indexes.map((job) => ({ ...JOB, job }))));

/** What a Deployment asks of its runner, noting every publish and ack in order. */
function fakeRunner(instances) {
  const steps = [];
  return {
    steps, instances, prefetch: 1, inHand: 0, stopping: false, abandoned: false,
    log: { warn: () => {}, error: () => {} },
    name: (q) => q,
    publish: async (q, body) => { steps.push([q, JSON.parse(body.toString('utf8'))]); },
  };
}

test('a batch runs every job and is acked after all results, a failure among them', async () => {
  const runner = fakeRunner(2);
  let atOnce = 0;
  let most = 0;
  const h = handler('H', async (job) => {
    most = Math.max(most, ++atOnce);
    await new Promise((r) => setTimeout(r, 10));
    atOnce--;
    if (job.job === 1) throw new Error('page 1 is gone');
    return { job: job.job };
  });
  const ch = { ack: () => runner.steps.push(['ack']), nack: () => runner.steps.push(['nack']) };

  await new Deployment(runner, h).deliver(ch, { content: batch(0, 1, 2) });

  assert.deepEqual(runner.steps.at(-1), ['ack']);
  const finished = runner.steps.slice(0, -1);
  assert.deepEqual(finished.map(([q]) => q), [p.JOB_FINISHED, p.JOB_FINISHED, p.JOB_FINISHED]);
  assert.deepEqual(finished.map(([, m]) => [m.job, m.ok]), [[0, true], [1, false], [2, true]]);
  assert.match(finished[1][1].error, /page 1 is gone/);
  assert.ok(most <= 2, `at most the instances at once, was ${most}`);
});

test('a batch whose results cannot be published is handed back, not acked', async () => {
  const runner = fakeRunner(2);
  runner.publish = async () => { throw new Error('broker gone'); };
  const ch = { ack: () => runner.steps.push(['ack']), nack: () => runner.steps.push(['nack']) };

  await new Deployment(runner, handler('H', async () => null)).deliver(ch, { content: batch(0, 1) });

  assert.deepEqual(runner.steps, [['nack']]);
});

test('decodeJobs reads a single job object and a batch, and names a bad job', () => {
  assert.deepEqual(p.decodeJobs(Buffer.from(JSON.stringify({ ...JOB, job: 3 }))).map((j) => j.job), [3]);
  assert.deepEqual(p.decodeJobs(batch(4, 5)).map((j) => j.job), [4, 5]);
  assert.throws(() => p.decodeJobs(Buffer.from('[]')), /empty JSON array/);
  assert.throws(() => p.decodeJobs(Buffer.from(JSON.stringify([JOB]))), /job \[0\] of the batch: Job job is missing/);
});
