'use strict';
// The instances of one deployment, handed to waiting deliveries highest priority first
// (docs/protocol.md section 2), as the Java runner's PriorityGate does.

const { PRIORITIES } = require('./protocol');

/** A count of free instances; acquire(level) resolves when one is free for that priority. */
class Instances {
  constructor(n) { this.free = n; this.waiting = PRIORITIES.map(() => []); }

  /** level: an index into PRIORITIES, 0 the highest. */
  acquire(level = PRIORITIES.indexOf('normal')) {
    if (this.free > 0) { this.free--; return Promise.resolve(); }
    return new Promise((resolve) => this.waiting[level].push(resolve));
  }

  /** Hands the instance to the oldest waiting delivery of the highest priority, else frees it. */
  release() {
    const next = this.waiting.find((w) => w.length > 0);
    if (next) next.shift()(); else this.free++;
  }
}

module.exports = { Instances };
