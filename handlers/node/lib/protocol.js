'use strict';
// The Phaseflow job protocol, format 2 (docs/protocol.md): queue names, the Job message and the
// messages a handler publishes, and how a handler's outcome becomes a JobFinished. Pure: no I/O.

const FORMAT = 2;
const JOB_FINISHED = 'phaseflow.job-finished';
const JOB_HEARTBEAT = 'phaseflow.job-heartbeat';
const DEAD_LETTER = 'phaseflow.dead-letter';
const QUORUM = Object.freeze({ 'x-queue-type': 'quorum', 'x-queue-leader-locator': 'balanced' });
const CLASSIC = Object.freeze({ 'x-queue-mode': 'lazy' });
// Beats a handler sends itself closer together than this (or a third of heartbeatMillis) are dropped.
const MIN_BEAT_GAP_MILLIS = 1000;

/** The queue of one handler's major version, e.g. phaseflow.handler.PageSummarizer.v1. */
/** A workflow's priorities, highest first: handlers take a waiting job of a higher one first. */
const PRIORITIES = Object.freeze(['high', 'normal', 'low']);

/**
 * The queue of one handler's major version for jobs of priority, e.g. phaseflow.handler.PageSummarizer.v1
 * (normal) or phaseflow.handler.PageSummarizer.v1.high.
 */
function handlerQueue(name, version, priority = 'normal') {
  if (!PRIORITIES.includes(priority)) {
    throw new RangeError(`unknown priority '${priority}'; expected one of ${PRIORITIES.join(', ')}`);
  }
  const normal = `phaseflow.handler.${name}.v${version}`;
  return priority === 'normal' ? normal : `${normal}.${priority}`;
}

/** The broker's name of a queue: NS.queue, or the queue itself in the default namespace. */
const inNamespace = (namespace, queue) => (namespace ? `${namespace}.${queue}` : queue);

/** A body that can never be processed: it belongs on the dead-letter queue with this reason. */
class MalformedMessage extends Error {}

/**
 * Throw from a handler to fail its job. retryable false fails the job at once (its phase takes its
 * error edge); true lets the engine try again after the handler's backoff.
 */
class JobFailed extends Error {
  constructor(message, { retryable = false } = {}) {
    super(message);
    this.name = 'JobFailed';
    this.retryable = retryable;
  }
}

function int(m, field, least, what) {
  const v = m[field];
  if (!Number.isInteger(v) || v < least) {
    const shown = v === undefined ? 'missing' : JSON.stringify(v);
    throw new MalformedMessage(`Job ${field} is ${shown}; expected ${what} >= ${least}`);
  }
  return v;
}

function text(m, field) {
  const v = m[field];
  if (typeof v !== 'string' || v.trim() === '') throw new MalformedMessage(`Job without ${field}`);
  return v;
}

/** Parses and checks a Job body (a Buffer); throws MalformedMessage naming what is wrong. */
function decodeJob(body) {
  let m;
  try {
    m = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new MalformedMessage(`not a valid Job message: ${e.message}`);
  }
  return jobOf(m);
}

/**
 * The jobs of a job message: one for a Job object, each in order for a batch (a JSON array of Job
 * objects, protocol section 4). Throws MalformedMessage naming what is wrong.
 */
function decodeJobs(body) {
  let m;
  try {
    m = JSON.parse(body.toString('utf8'));
  } catch (e) {
    throw new MalformedMessage(`not a valid Job message: ${e.message}`);
  }
  if (!Array.isArray(m)) return [jobOf(m)];
  if (m.length === 0) throw new MalformedMessage('body is an empty JSON array, expected Job objects');
  return m.map((element, i) => {
    try {
      return jobOf(element);
    } catch (e) {
      if (!(e instanceof MalformedMessage)) throw e;
      throw new MalformedMessage(`job [${i}] of the batch: ${e.message}`);
    }
  });
}

function jobOf(m) {
  if (m === null || typeof m !== 'object' || Array.isArray(m)) {
    const kind = m === null ? 'null' : Array.isArray(m) ? 'an array' : `a ${typeof m}`;
    throw new MalformedMessage(`body is JSON ${kind}, expected a Job object`);
  }
  const format = m.format === undefined ? 1 : m.format;
  if (!Number.isInteger(format) || format < 1) {
    throw new MalformedMessage(`Job format is ${JSON.stringify(format)}; expected 1 to ${FORMAT}`);
  }
  if (format > FORMAT) {
    throw new MalformedMessage(
      `Job message format ${format} is newer than this library reads (up to ${FORMAT}); ` +
        'upgrade phaseflow-handlers');
  }
  return Object.freeze({
    workflowId: text(m, 'workflowId'),
    phase: text(m, 'phase'),
    entry: int(m, 'entry', 1, 'a phase entry number'),
    job: int(m, 'job', 0, 'a job index'),
    attempt: int(m, 'attempt', 1, 'an attempt number'),
    handler: text(m, 'handler'),
    version: int(m, 'version', 1, 'a handler major version'),
    payload: m.payload === undefined ? null : m.payload,
    data: m.data === undefined ? null : m.data,
    inputs: m.inputs === undefined ? null : m.inputs,
    heartbeatMillis: Number.isInteger(m.heartbeatMillis) && m.heartbeatMillis > 0 ? m.heartbeatMillis : 0,
  });
}

const ids = (job) => ({
  format: FORMAT, workflowId: job.workflowId, entry: job.entry, job: job.job, attempt: job.attempt,
});

/** The JobFinished body of job, for an outcome made by outcomeOf. */
function jobFinished(job, outcome, startedAt, finishedAt) {
  return Buffer.from(JSON.stringify({ ...ids(job), handler: job.handler, ...outcome, startedAt, finishedAt }));
}

function jobHeartbeat(job, at) {
  return Buffer.from(JSON.stringify({ ...ids(job), at }));
}

const success = (output) => ({ ok: true, output: output === undefined ? null : output, retryable: false });
const failure = (error, retryable) => ({ ok: false, error: error || 'failed without a message', retryable });

/**
 * Runs handler(job, context) and says how the job ended, as the Java runner does: JobFailed keeps
 * its flag, anything else thrown is retryable; what the handler returns (or resolves) is the
 * output (undefined: null). Never rejects for what the handler does.
 */
async function outcomeOf(handler, job, context) {
  let output;
  try {
    output = await handler(job, context);
  } catch (e) {
    if (e instanceof JobFailed) return failure(e.message, e.retryable);
    if (e instanceof RangeError && /call stack/.test(e.message)) {
      return failure(`RangeError in ${job.handler}`, false); // a bug: retrying would loop too
    }
    return failure(e instanceof Error ? `${e.name}: ${e.message}` : `thrown: ${String(e)}`, true);
  }
  try {
    if (output !== undefined && JSON.stringify(output) === undefined) throw new TypeError(`${typeof output}`);
  } catch (e) {
    // Not JSON: the handler's bug, which another attempt would repeat.
    return failure(`${job.handler} returned an output that is not JSON: ${e.message}`, false);
  }
  return success(output);
}

const INEQUIVALENT = /inequivalent arg '([^']+)' for queue .* but current is (?:none|the value '([^']*)')/;

/**
 * The arguments of an existing queue that the broker's PRECONDITION_FAILED reply describes, when
 * it is about the queue type, a quorum queue's leader locator or a classic queue's mode; null when
 * it cannot be followed.
 */
function following(replyText, args) {
  const m = INEQUIVALENT.exec(replyText || '');
  if (!m) return null;
  const [, arg, current] = m;
  if (arg === 'x-queue-type') {
    if (current === undefined || current === 'classic') return { ...CLASSIC };
    return current === 'quorum' ? { ...QUORUM } : null;
  }
  if (arg === 'x-queue-mode') { // a quorum queue has no mode: one that is there is a classic queue's
    if (current !== undefined) return { [arg]: current };
    return (args || {})['x-queue-type'] === 'quorum' ? null : {};
  }
  if (arg === 'x-queue-leader-locator' && (args || {})['x-queue-type'] === 'quorum') {
    const followed = { ...args };
    if (current === undefined) delete followed[arg];
    else followed[arg] = current;
    return followed;
  }
  return null;
}

module.exports = {
  FORMAT, JOB_FINISHED, JOB_HEARTBEAT, DEAD_LETTER, QUORUM, CLASSIC, MIN_BEAT_GAP_MILLIS,
  PRIORITIES, handlerQueue, inNamespace, MalformedMessage, JobFailed, decodeJob, decodeJobs, jobFinished, jobHeartbeat,
  success, failure, outcomeOf, following,
};
