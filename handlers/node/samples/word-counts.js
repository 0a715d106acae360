'use strict';
// Sample Node handler: NodeCountSummer adds up the counts of every PySectionCounter job of the
// previous phase. Run it next to the engine:
//
//     node handlers/node/samples/word-counts.js --namespace NS --instances 2

const { JobFailed, handler, main } = require('..');

const TOP = 10;

/**
 * Output {"sections", "total_words", "distinct_words", "top": [["word", n], ...]}: the ten most
 * frequent words, ties in alphabetical order. data.pause_ms makes it a long job.
 */
const countSummer = handler('NodeCountSummer', async (job, { beat }) => {
  const counters = (job.inputs || {}).PySectionCounter || [];
  if (!Array.isArray(counters)) {
    throw new JobFailed(`inputs.PySectionCounter must be an array, got ${JSON.stringify(counters)}`);
  }
  for (let left = (job.data || {}).pause_ms || 0; left > 0; left -= 500) {
    await new Promise((r) => setTimeout(r, Math.min(500, left))); // the runner beats meanwhile
    beat(); // and so may the handler, to say it makes progress
  }
  const totals = new Map();
  for (const c of counters) {
    for (const [word, n] of Object.entries((c && c.counts) || {})) totals.set(word, (totals.get(word) || 0) + n);
  }
  const sorted = [...totals].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return {
    sections: counters.length,
    total_words: [...totals.values()].reduce((a, b) => a + b, 0),
    distinct_words: totals.size,
    top: sorted.slice(0, TOP),
  };
});

module.exports = { countSummer };

if (require.main === module) main([countSummer]);
