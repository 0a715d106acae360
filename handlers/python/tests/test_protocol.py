"""The protocol's pure parts: decoding jobs, encoding results, failures and queue arguments."""

import json
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from phaseflow_handlers import protocol  # noqa: E402
from phaseflow_handlers.protocol import JobFailed, MalformedMessage  # noqa: E402

JOB = {"format": 2, "workflowId": "w", "phase": "p", "entry": 1, "job": 0, "attempt": 1,
       "handler": "H", "version": 1, "payload": {"x": 1}, "data": {}, "inputs": {}}


def body(**changes):
    message = dict(JOB, **changes)
    return json.dumps({k: v for k, v in message.items() if v is not None}).encode()


class DecodeJob(unittest.TestCase):
    def test_a_job_decodes_with_its_attempt_id_and_heartbeat(self):
        job = protocol.decode_job(body(heartbeatMillis=3000, attempt=2))
        self.assertEqual((job.workflow_id, job.entry, job.job, job.attempt), ("w", 1, 0, 2))
        self.assertEqual(job.heartbeat_millis, 3000)
        self.assertEqual(job.payload, {"x": 1})

    def test_format_1_and_unknown_fields_are_read(self):
        job = protocol.decode_job(body(format=None, somethingNew=True))
        self.assertEqual(job.handler, "H")
        self.assertEqual(job.heartbeat_millis, 0)

    def test_what_can_never_run_is_malformed_naming_the_field(self):
        cases = [
            (b"[1]", "expected a Job object"),
            (b"{nope", "not a valid Job message"),
            (body(format=3), "format 3 is newer"),
            (body(workflowId=None), "Job without workflowId"),
            (body(phase=""), "Job without phase"),
            (body(entry=0), "Job entry is 0; expected a phase entry number >= 1"),
            (body(job=-1), "Job job is -1"),
            (body(attempt=None), "Job attempt is missing"),
            (body(version=True), "Job version is true"),
        ]
        for raw, reason in cases:
            with self.subTest(reason=reason):
                with self.assertRaises(MalformedMessage) as e:
                    protocol.decode_job(raw)
                self.assertIn(reason, str(e.exception))


class Outcomes(unittest.TestCase):
    job = protocol.decode_job(body())

    def outcome(self, fn):
        return protocol.outcome_of(fn, self.job)

    def test_outcomes_as_the_java_runner_makes_them(self):
        def raises(e):
            def fn(job):
                raise e
            return fn

        cases = [
            (lambda j: {"n": 1}, {"ok": True, "output": {"n": 1}, "retryable": False}),
            (lambda j: None, {"ok": True, "output": None, "retryable": False}),
            (raises(JobFailed("bad input")), {"ok": False, "error": "bad input",
                                              "retryable": False}),
            (raises(JobFailed("busy", retryable=True)), {"ok": False, "error": "busy",
                                                         "retryable": True}),
            (raises(KeyError("text")), {"ok": False, "error": "KeyError: 'text'",
                                        "retryable": True}),
            (lambda j: {1, 2}, {"ok": False, "retryable": False,
                                "error": "H returned an output that is not JSON: Object of "
                                         "type set is not JSON serializable"}),
        ]
        for fn, expected in cases:
            with self.subTest(expected=expected):
                self.assertEqual(self.outcome(fn), expected)

    def test_job_finished_and_heartbeat_carry_the_attempt_id(self):
        finished = json.loads(protocol.job_finished(
            self.job, protocol.failure("no", False), 10, 20))
        self.assertEqual(finished, {"format": 2, "workflowId": "w", "entry": 1, "job": 0,
                                    "attempt": 1, "handler": "H", "ok": False, "error": "no",
                                    "retryable": False, "startedAt": 10, "finishedAt": 20})
        beat = json.loads(protocol.job_heartbeat(self.job, 15))
        self.assertEqual(beat, {"format": 2, "workflowId": "w", "entry": 1, "job": 0,
                                "attempt": 1, "at": 15})


class Queues(unittest.TestCase):
    def test_names(self):
        self.assertEqual(protocol.in_namespace("ns", protocol.handler_queue("H", 2)),
                         "ns.phaseflow.handler.H.v2")
        self.assertEqual(protocol.in_namespace(None, protocol.JOB_FINISHED),
                         "phaseflow.job-finished")

    def test_following_an_existing_queue(self):
        reply = ("PRECONDITION_FAILED - inequivalent arg '{}' for queue 'q' in vhost '/': "
                 "received {} but current is {}")
        quorum = dict(protocol.QUORUM)
        cases = [
            (reply.format("x-queue-type", "none", "the value 'quorum' of type 'longstr'"), {},
             quorum),
            (reply.format("x-queue-type", "'quorum'", "none"), quorum, dict(protocol.CLASSIC)),
            (reply.format("x-queue-type", "none", "the value 'stream' of type 'longstr'"), {},
             None),
            (reply.format("x-queue-leader-locator", "'balanced'", "none"), quorum,
             {"x-queue-type": "quorum"}),
            (reply.format("x-queue-mode", "'lazy'", "none"), dict(protocol.CLASSIC), {}),
            (reply.format("x-queue-mode", "'lazy'", "the value 'default' of type 'longstr'"),
             dict(protocol.CLASSIC), {"x-queue-mode": "default"}),
            (reply.format("x-queue-mode", "none", "the value 'lazy' of type 'longstr'"), quorum,
             dict(protocol.CLASSIC)),
            ("NOT_FOUND - no queue", {}, None),
        ]
        for text, arguments, expected in cases:
            with self.subTest(text=text):
                self.assertEqual(protocol.following(text, arguments), expected)


if __name__ == "__main__":
    unittest.main()


class PriorityQueues(unittest.TestCase):
    def test_each_priority_has_its_queue_and_normal_keeps_the_old_name(self):
        table = {
            "high": "phaseflow.handler.PageSummarizer.v2.high",
            "normal": "phaseflow.handler.PageSummarizer.v2",
            "low": "phaseflow.handler.PageSummarizer.v2.low",
        }
        for priority, queue in table.items():
            self.assertEqual(protocol.handler_queue("PageSummarizer", 2, priority), queue)
        self.assertEqual(protocol.handler_queue("PageSummarizer", 2), table["normal"])
        self.assertEqual(protocol.PRIORITIES, ("high", "normal", "low"))
        with self.assertRaisesRegex(ValueError, "expected one of high, normal, low"):
            protocol.handler_queue("PageSummarizer", 2, "urgent")


class PriorityGateOrder(unittest.TestCase):
    def test_a_high_delivery_waiting_after_low_ones_gets_the_next_free_instance(self):
        import threading
        import time

        from phaseflow_handlers.gate import PriorityGate

        gate = PriorityGate(1)
        gate.acquire(2)  # a low job runs
        order = []

        def wait(level, name):
            gate.acquire(level)
            order.append(name)
            gate.release()

        waiters = [threading.Thread(target=wait, args=(2, "low")),
                   threading.Thread(target=wait, args=(1, "normal")),
                   threading.Thread(target=wait, args=(0, "high"))]
        for t in waiters:
            t.start()
        deadline = time.monotonic() + 5
        while sum(gate._waiting) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)  # all three wait before an instance frees up
        gate.release()
        for t in waiters:
            t.join(5)
        self.assertEqual(order, ["high", "normal", "low"])
