"""One handler's instances on its queue: consumers, acknowledgements and results (docs/protocol.md
sections 4 to 6), as the Java runner does them."""

import logging
import queue
import threading

from . import protocol
from .beating import Beating, running
from .gate import PriorityGate
from .protocol import Job

log = logging.getLogger("phaseflow_handlers")


class Deployment:
    """instances consumers of each of one handler's queues (one per priority), a worker thread
    each, and a thread for each job acked at its start. A free instance goes to a waiting delivery
    of the highest priority."""

    def __init__(self, runner, h):
        self.runner, self.handler = runner, h
        self.queue = runner.name(protocol.handler_queue(h.name, h.version))
        self.queues = [runner.name(protocol.handler_queue(h.name, h.version, p))
                       for p in protocol.PRIORITIES]
        self.free = PriorityGate(runner.instances)
        self.consumers = []
        self.lock = threading.Lock()
        self.working = 0  # deliveries a worker holds
        self.running = 0  # early-acked jobs running

    def start(self):
        for level, q in enumerate(self.queues):
            self.runner._declare(q)
            for _ in range(self.runner.instances):
                ch = self.runner.connection.channel()
                ch.basic_qos(prefetch_count=self.runner.prefetch)
                inbox = queue.Queue()
                tag = ch.basic_consume(q, lambda c, m, p, b, i=inbox: i.put((c, m, b)),
                                       auto_ack=False)
                self.consumers.append((ch, tag))
                threading.Thread(target=self._work, args=(inbox, level, q), daemon=True).start()

    def cancel(self):
        for ch, tag in self.consumers:
            if ch.is_open:
                ch.basic_cancel(tag)  # unstarted deliveries go back when the channel closes

    def in_hand(self):
        with self.lock:
            return self.working + self.running

    def _count(self, working=0, running=0):
        with self.lock:
            self.working += working
            self.running += running

    def _work(self, inbox, level, source):
        while True:
            ch, method, body = inbox.get()
            if self.runner.stopping.is_set():
                continue  # not started: redelivered once the channel closes
            self._count(working=1)
            try:
                self._deliver(ch, method.delivery_tag, body, level, source)
            except Exception as e:  # noqa: BLE001 - the broker redelivers an unsettled job
                log.warning("job from %s not settled (%s); handing it back", source, e)
                self._settle(lambda: ch.basic_nack(method.delivery_tag, requeue=True))
            finally:
                self._count(working=-1)

    def _settle(self, action):
        try:
            self.runner._io(action)
        except Exception as e:  # noqa: BLE001 - a lost channel: the broker redelivers
            log.debug("cannot settle a delivery from %s: %s", self.queue, e)

    def _deliver(self, ch, tag, body, level, source):
        try:
            jobs = protocol.decode_jobs(body)
        except protocol.MalformedMessage as e:
            log.warning("dead-lettering a message from %s: %s", source, e)
            self.runner.publish(protocol.DEAD_LETTER, body, {
                "x-phaseflow-reason": str(e), "x-phaseflow-queue": source,
                "x-phaseflow-at": protocol.now_millis()})
            self.runner._io(lambda: ch.basic_ack(tag))
            return
        if len(jobs) > 1:
            self._finish_batch(jobs, level)
            self.runner._io(lambda: ch.basic_ack(tag))
            return
        job = jobs[0]
        self.free.acquire(level)
        if job.heartbeat_millis <= 0:
            try:
                self._finish(job)
                self.runner._io(lambda: ch.basic_ack(tag))
            finally:
                self.free.release()
            return
        try:
            self.runner._io(lambda: ch.basic_ack(tag))
            self._count(running=1)
            # A daemon thread (the semaphore bounds them): an abandoned job does not hold the exit.
            threading.Thread(target=self._finish_acked, args=(job,), daemon=True).start()
        except BaseException:
            self.free.release()
            raise

    def _finish_batch(self, jobs, level):
        """Runs a batch's jobs on free instances, each on a thread of its own, waits for all, then
        publishes every JobFinished; only then may the message be acked, so a process that dies
        mid-batch has the whole batch redelivered (the results already out become duplicates)."""
        results = [None] * len(jobs)
        threads = []

        def run(i, job):
            try:
                results[i] = self._run(job)
            except BaseException as e:  # noqa: BLE001 - raised below, the batch is not acked
                results[i] = e
            finally:
                self.free.release()

        for i, job in enumerate(jobs):
            self.free.acquire(level)
            t = threading.Thread(target=run, args=(i, job), daemon=True)
            t.start()
            threads.append(t)
        for t in threads:
            t.join()
        for r in results:
            if isinstance(r, BaseException):
                raise r
        if self.runner.abandoned.is_set():
            return
        for body in results:
            self.runner.publish(protocol.JOB_FINISHED, body)

    def _finish_acked(self, job):
        try:
            self._finish(job)
        except Exception as e:  # noqa: BLE001 - the message is gone: the deadline retries it
            log.warning("result of job %s of workflow %s (attempt %s) not published, the engine "
                        "retries it after its heartbeat timeout: %s", job.job, job.workflow_id,
                        job.attempt, e)
        finally:
            self._count(running=-1)
            self.free.release()

    def _finish(self, job: Job):
        """Runs the job with its heartbeats and publishes its JobFinished with confirm."""
        body = self._run(job)
        if body is not None and not self.runner.abandoned.is_set():
            self.runner.publish(protocol.JOB_FINISHED, body)

    def _run(self, job: Job):
        """Runs the job with its heartbeats; returns its JobFinished body (None once abandoned)."""
        beating = Beating(self.runner, job)
        if job.heartbeat_millis > 0:
            threading.Thread(target=beating.every_third, daemon=True).start()
        running(beating)
        started = protocol.now_millis()
        try:
            outcome = protocol.outcome_of(self.handler.process, job)
        finally:
            running(None)
            beating.done.set()
        if self.runner.abandoned.is_set():
            return None
        return protocol.job_finished(job, outcome, started, protocol.now_millis())
