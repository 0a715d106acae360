"""A batch message (a JSON array of jobs): each job runs, each result is published, and the message
is acked only after all of them (docs/protocol.md section 4)."""

import json
import os
import sys
import threading
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from phaseflow_handlers import protocol  # noqa: E402
from phaseflow_handlers.deployment import Deployment  # noqa: E402
from phaseflow_handlers.protocol import MalformedMessage  # noqa: E402

JOB = {"format": 2, "workflowId": "w", "phase": "p", "entry": 1, "attempt": 1, "handler": "H",
       "version": 1}


def batch(*indexes):
    return json.dumps([dict(JOB, job=i) for i in indexes]).encode()


class FakeRunner:
    """What a Deployment asks of its runner, noting every publish and ack in order."""

    def __init__(self, instances):
        self.instances, self.prefetch = instances, 1
        self.abandoned, self.stopping = threading.Event(), threading.Event()
        self.steps, self.lock = [], threading.Lock()

    def name(self, q):
        return q

    def _io(self, action):
        return action()

    def publish(self, q, body, headers=None):
        with self.lock:
            self.steps.append((q, json.loads(body)))


class FakeChannel:
    def __init__(self, runner):
        self.runner = runner

    def basic_ack(self, tag):
        self.runner.steps.append(("ack", tag))


class Handler:
    name, version = "H", 1

    def __init__(self):
        self.at_once = self.most = 0
        self.lock = threading.Lock()

    def process(self, job):
        with self.lock:
            self.at_once += 1
            self.most = max(self.most, self.at_once)
        try:
            if job.job == 1:
                raise ValueError("page 1 is gone")
            return {"job": job.job}
        finally:
            with self.lock:
                self.at_once -= 1


class Batches(unittest.TestCase):
    def test_every_job_runs_and_the_ack_comes_after_all_results_a_failure_among_them(self):
        runner, handler = FakeRunner(instances=2), Handler()
        Deployment(runner, handler)._deliver(FakeChannel(runner), 7, batch(0, 1, 2), 1, "q")

        self.assertEqual(runner.steps[-1], ("ack", 7))
        finished = [m for q, m in runner.steps[:-1]]
        self.assertEqual([q for q, m in runner.steps[:-1]], [protocol.JOB_FINISHED] * 3)
        self.assertEqual([m["job"] for m in finished], [0, 1, 2])
        self.assertEqual([m["ok"] for m in finished], [True, False, True])
        self.assertIn("page 1 is gone", finished[1]["error"])
        self.assertLessEqual(handler.most, 2)

    def test_a_single_job_object_is_still_one_job(self):
        jobs = protocol.decode_jobs(json.dumps(dict(JOB, job=3)).encode())
        self.assertEqual([j.job for j in jobs], [3])

    def test_a_bad_batch_is_malformed_naming_the_job(self):
        for body, says in [(b"[]", "empty JSON array"),
                           (b"[1]", "job [0] of the batch: a JSON int"),
                           (json.dumps([JOB]).encode(), "job [0] of the batch: Job job is missing")]:
            with self.assertRaises(MalformedMessage) as e:
                protocol.decode_jobs(body)
            self.assertIn(says, str(e.exception))


if __name__ == "__main__":
    unittest.main()
