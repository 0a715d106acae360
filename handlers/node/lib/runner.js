'use strict';
// Runs handlers on RabbitMQ as the Java runner does (docs/protocol.md). Each instance is a consumer
// on its own channel with the prefetch, taking its deliveries one at a time. A job without
// heartbeatMillis is acked after its JobFinished was confirmed; a job with heartbeatMillis is acked
// when it starts and runs on while a timer beats every third of it, so it may outlast the broker's
// consumer timeout. At most `instances` jobs of a handler run at once. Each handler has a queue per
// priority, each with `instances` consumers; a free instance goes to a waiting delivery of the
// highest priority.

const p = require('./protocol');
const { Instances } = require('./instances');

const STOP_WAIT_MILLIS = 30_000;
const PERSISTENT_JSON = { persistent: true, contentType: 'application/json' };


/** A named, versioned (async) function of a Job; what it returns is the job's output. */
function handler(name, process, { version = 1 } = {}) {
  if (!Number.isInteger(version) || version < 1) {
    throw new RangeError(`version of ${name} must be at least 1, got ${version}`);
  }
  return Object.freeze({ name, version, process });
}

class Runner {
  constructor({ amqpUrl, namespace = null, instances = 1, prefetch = 10, quorum = false,
    stopWaitMillis = STOP_WAIT_MILLIS, log = console }) {
    if (!(instances >= 1) || !(prefetch >= 1 && prefetch <= 65535)) {
      throw new RangeError('instances must be at least 1 and prefetch from 1 to 65535');
    }
    Object.assign(this, { amqpUrl, namespace, instances, prefetch, quorum, stopWaitMillis, log });
    this.stopping = false;
    this.abandoned = false;
    this.inHand = 0; // deliveries taken and not settled, plus jobs acked at their start
    this.deployments = [];
  }

  name(queue) { return p.inNamespace(this.namespace, queue); }

  /** Publishes a persistent JSON message and resolves once the broker confirmed it. */
  publish(queue, body, headers) {
    const options = headers
      ? { ...PERSISTENT_JSON, headers, messageId: require('crypto').randomUUID() }
      : PERSISTENT_JSON;
    return new Promise((resolve, reject) => {
      this.publisher.sendToQueue(this.name(queue), body, options, (err) => (err ? reject(err) : resolve()));
    });
  }

  /** Declares queue on a channel of its own (a refusal closes it); resolves to null or the error. */
  async tryDeclare(queue, { passive = false, args = {} } = {}) {
    const ch = await this.connection.createChannel();
    ch.on('error', () => {}); // the refusal is the rejected promise below
    try {
      if (passive) await ch.checkQueue(queue);
      else await ch.assertQueue(queue, { durable: true, arguments: args });
      await ch.close();
      return null;
    } catch (e) {
      if (e.code === 404 || e.code === 406) return e;
      throw e;
    }
  }

  /** Declares queue with args, following an existing queue's type (protocol section 3). */
  async declare(queue, args = this.args) {
    for (let i = 0; i < 3; i++) {
      const refused = await this.tryDeclare(queue, { args });
      if (!refused) return;
      const followed = refused.code === 406 ? p.following(refused.message, args) : null;
      if (!followed) {
        throw new Error(`cannot declare queue '${queue}' (${refused.message}); the queue exists with ` +
          'other arguments than Phaseflow declares: delete it or use a policy');
      }
      const kind = followed['x-queue-type'] === 'quorum' ? 'a quorum queue' : 'a classic queue';
      this.log.warn(`queue '${queue}' exists as ${kind}, unlike its namespace: declared as it is`);
      args = followed;
    }
    throw new Error(`cannot declare queue '${queue}': its arguments keep changing`);
  }

  /** The namespace's queue arguments, from its dead-letter queue (protocol section 3). */
  async settleNamespace() {
    const marker = this.name(p.DEAD_LETTER);
    const wanted = this.quorum ? { ...p.QUORUM } : { ...p.CLASSIC };
    if (await this.tryDeclare(marker, { passive: true })) {
      await this.declare(marker, wanted);
      return wanted;
    }
    return (await this.tryDeclare(marker, { args: p.QUORUM })) ? { ...p.CLASSIC } : { ...p.QUORUM };
  }

  /** Connects and deploys instances of every handler; resolves once they consume. */
  async start(handlers) {
    // Required here, not on load: the protocol's tests run without a broker's client installed.
    this.connection = await require('amqplib').connect(this.amqpUrl);
    this.connection.on('error', (e) => this.log.error(`AMQP connection error: ${e.message}`));
    this.connection.on('close', () => {
      if (!this.closing) {
        this.log.error('AMQP connection lost; exiting so that a supervisor restarts this process');
        process.exit(1);
      }
    });
    this.args = await this.settleNamespace();
    for (const q of [p.JOB_FINISHED, p.JOB_HEARTBEAT]) await this.declare(this.name(q));
    this.publisher = await this.connection.createConfirmChannel();
    for (const h of handlers) {
      const d = new Deployment(this, h);
      await d.start();
      this.deployments.push(d);
      console.log(`${this.instances} instance(s) of ${h.name} v${h.version} on ${d.queue} (prefetch ${this.prefetch})`);
    }
  }

  /**
   * Stops taking jobs, finishes those in hand, waits up to stopWaitMillis for the jobs acked at
   * their start (then abandons them: their heartbeats stop, the engine retries them), and closes.
   */
  async stop() {
    if (this.stopping) return;
    this.stopping = true;
    for (const d of this.deployments) await d.cancel();
    const deadline = Date.now() + this.stopWaitMillis;
    while (this.inHand > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (this.inHand > 0) {
      this.log.warn(`abandoning ${this.inHand} job(s) still running after ${this.stopWaitMillis} ms; ` +
        'the engine retries them after their heartbeat timeout');
      this.abandoned = true;
    }
    this.closing = true;
    await this.connection.close().catch(() => {});
  }
}

/** instances consumers of each of one handler's queues, one per priority. */
class Deployment {
  constructor(runner, h) {
    this.runner = runner;
    this.handler = h;
    this.queue = runner.name(p.handlerQueue(h.name, h.version));
    this.free = new Instances(runner.instances);
    this.consumers = [];
  }

  async start() {
    for (const [level, priority] of p.PRIORITIES.entries()) {
      const queue = this.runner.name(p.handlerQueue(this.handler.name, this.handler.version, priority));
      await this.runner.declare(queue);
      for (let i = 0; i < this.runner.instances; i++) {
        const ch = await this.runner.connection.createChannel();
        ch.on('error', (e) => this.runner.log.error(`channel of ${queue}: ${e.message}`));
        await ch.prefetch(this.runner.prefetch);
        let serial = Promise.resolve(); // one delivery at a time per instance
        const { consumerTag } = await ch.consume(queue, (msg) => {
          if (msg === null) return; // cancelled by the broker
          serial = serial.then(() => this.deliver(ch, msg, level, queue));
        }, { noAck: false });
        this.consumers.push({ ch, consumerTag });
      }
    }
  }

  async cancel() {
    for (const { ch, consumerTag } of this.consumers) {
      await ch.cancel(consumerTag).catch(() => {}); // unstarted deliveries return when it closes
    }
  }

  async deliver(ch, msg, level, source) {
    const runner = this.runner;
    if (runner.stopping) return; // not started: redelivered once the channel closes
    runner.inHand++;
    try {
      let jobs;
      try {
        jobs = p.decodeJobs(msg.content);
      } catch (e) {
        if (!(e instanceof p.MalformedMessage)) throw e;
        runner.log.warn(`dead-lettering a message from ${source}: ${e.message}`);
        await runner.publish(p.DEAD_LETTER, msg.content, {
          'x-phaseflow-reason': e.message, 'x-phaseflow-queue': source,
          'x-phaseflow-at': Date.now(),
        });
        ch.ack(msg);
        return;
      }
      if (jobs.length > 1) {
        await this.finishBatch(jobs, level);
        ch.ack(msg);
        return;
      }
      const job = jobs[0];
      await this.free.acquire(level);
      if (job.heartbeatMillis <= 0) {
        try {
          await this.finish(job);
          ch.ack(msg);
        } finally {
          this.free.release();
        }
        return;
      }
      ch.ack(msg);
      runner.inHand++;
      this.finish(job)
        .catch((e) => runner.log.warn(`result of job ${job.job} of workflow ${job.workflowId} ` +
          `(attempt ${job.attempt}) not published, the engine retries it after its heartbeat timeout: ${e.message}`))
        .finally(() => { runner.inHand--; this.free.release(); });
    } catch (e) {
      runner.log.warn(`job from ${source} not settled (${e.message}); handing it back`);
      try { ch.nack(msg, false, true); } catch (_) { /* a lost channel: the broker redelivers */ }
    } finally {
      runner.inHand--;
    }
  }

  /**
   * Runs a batch's jobs, each on a free instance, waits for all, then publishes every JobFinished;
   * only then may the message be acked, so a process that dies mid-batch has the whole batch
   * redelivered (the results already out become duplicates).
   */
  async finishBatch(jobs, level) {
    const bodies = await Promise.all(jobs.map(async (job) => {
      await this.free.acquire(level);
      try {
        return await this.run(job);
      } finally {
        this.free.release();
      }
    }));
    if (this.runner.abandoned) return;
    await Promise.all(bodies.map((b) => this.runner.publish(p.JOB_FINISHED, b)));
  }

  /** Runs the job with its heartbeats and publishes its JobFinished with confirm. */
  async finish(job) {
    const body = await this.run(job);
    if (body && !this.runner.abandoned) await this.runner.publish(p.JOB_FINISHED, body);
  }

  /** Runs the job with its heartbeats; its JobFinished body (null once abandoned). */
  async run(job) {
    const runner = this.runner;
    const gap = job.heartbeatMillis > 0 ? Math.min(p.MIN_BEAT_GAP_MILLIS, Math.floor(job.heartbeatMillis / 3))
      : p.MIN_BEAT_GAP_MILLIS;
    let last = -Infinity;
    const beat = () => {
      const now = Date.now();
      if (runner.abandoned || now - last < gap) return;
      last = now;
      runner.publish(p.JOB_HEARTBEAT, p.jobHeartbeat(job, now)).catch(() => {}); // the next may get through
    };
    const timer = job.heartbeatMillis > 0
      ? setInterval(beat, Math.max(1, Math.floor(job.heartbeatMillis / 3))) : null;
    const startedAt = Date.now();
    let outcome;
    try {
      outcome = await p.outcomeOf(this.handler.process, job, { beat });
    } finally {
      if (timer) clearInterval(timer);
    }
    if (runner.abandoned) return null;
    return p.jobFinished(job, outcome, startedAt, Date.now());
  }
}

module.exports = { Runner, handler, STOP_WAIT_MILLIS, Deployment }; // Deployment: for tests
