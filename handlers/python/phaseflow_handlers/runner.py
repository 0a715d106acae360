"""Runs handlers on RabbitMQ as the Java runner does (docs/protocol.md).

pika's BlockingConnection is not thread-safe, so the main thread owns it: it runs the I/O loop,
and every channel call of the other threads is handed to it (``_io``). Each instance is a consumer
on its own channel with the prefetch, feeding a worker thread. A job without heartbeatMillis runs
on that worker and is acked after its JobFinished was confirmed; a job with heartbeatMillis is
acked when it starts and runs on a thread of its own while a timer beats every third of it, so it may
outlast the broker's consumer timeout. At most ``instances`` jobs of a handler run at once.
"""

import logging
import queue
import signal
import threading
import time
import uuid

import pika
from pika.exceptions import ChannelClosedByBroker

from . import protocol
from .protocol import Job

log = logging.getLogger("phaseflow_handlers")

STOP_WAIT_SECONDS = 30.0
_PERSISTENT_JSON = dict(delivery_mode=2, content_type="application/json")
_current = threading.local()


class Handler:
    """A named, versioned function of a Job; what it returns is the job's output."""

    def __init__(self, name, process, version=1):
        if version < 1:
            raise ValueError(f"version of {name} must be at least 1, got {version}")
        self.name, self.process, self.version = name, process, version

    def __call__(self, job):
        return self.process(job)


def handler(name, version=1):
    """Decorator: ``@handler("WordCounter")`` makes a function a Handler."""
    return lambda fn: Handler(name, fn, version)


def beat():
    """Reports the calling thread's job alive (moves its attempt's deadline); does nothing outside
    a job. Beats closer together than a second (or a third of heartbeatMillis) are sent once."""
    beating = getattr(_current, "beating", None)
    if beating is not None:
        beating.beat()


def _say(line):
    """Prints a line; a closed stdout (a supervisor that went first) is no reason to fail."""
    try:
        print(line, flush=True)
    except OSError:
        pass


class _Beating:
    """The heartbeats of one running job: the handler's own and, with heartbeatMillis, a timer's."""

    def __init__(self, runner, job):
        self.runner, self.job = runner, job
        self.gap = min(protocol.MIN_BEAT_GAP_MILLIS, job.heartbeat_millis // 3) \
            if job.heartbeat_millis > 0 else protocol.MIN_BEAT_GAP_MILLIS
        self.last = -(10 ** 15)
        self.lock = threading.Lock()
        self.done = threading.Event()

    def beat(self):
        now = protocol.now_millis()
        with self.lock:
            if self.runner.abandoned.is_set() or now - self.last < self.gap:
                return
            self.last = now
        try:
            self.runner.publish(protocol.JOB_HEARTBEAT, protocol.job_heartbeat(self.job, now))
        except Exception as e:  # noqa: BLE001 - the next beat may get through
            log.debug("heartbeat of %s not sent: %s", self.job, e)

    def every_third(self):
        every = max(1, self.job.heartbeat_millis // 3) / 1000.0
        while not self.done.wait(every):
            self.beat()


class Runner:
    """Handler instances on one AMQP connection. run() blocks until SIGTERM or SIGINT."""

    def __init__(self, amqp_url, namespace=None, instances=1, prefetch=10, quorum=False,
                 stop_wait=STOP_WAIT_SECONDS):
        if instances < 1 or not 1 <= prefetch <= 65535:
            raise ValueError("instances must be at least 1 and prefetch from 1 to 65535")
        self.url, self.namespace = amqp_url, namespace
        self.instances, self.prefetch, self.quorum = instances, prefetch, quorum
        self.stop_wait = stop_wait
        self.stopping = threading.Event()
        self.abandoned = threading.Event()
        self.connection = None
        self.publisher = None
        self.arguments = None

    def name(self, q):
        return protocol.in_namespace(self.namespace, q)

    # -- the I/O thread -------------------------------------------------------------------------

    def _io(self, action):
        """Runs action() on the I/O thread and returns its result (raises what it raised)."""
        if threading.current_thread() is threading.main_thread():
            return action()
        done, box = threading.Event(), {}

        def call():
            try:
                box["value"] = action()
            except BaseException as e:  # noqa: BLE001 - handed back to the caller
                box["error"] = e
            done.set()

        self.connection.add_callback_threadsafe(call)
        done.wait()
        if "error" in box:
            raise box["error"]
        return box.get("value")

    def publish(self, q, body, headers=None):
        """Publishes a persistent JSON message and waits for the broker's confirm."""
        props = pika.BasicProperties(headers=headers, **_PERSISTENT_JSON,
                                     message_id=str(uuid.uuid4()) if headers else None)
        self._io(lambda: self.publisher.basic_publish("", self.name(q), body, props))

    def _declare(self, q):
        """Declares q with its namespace's arguments, following an existing queue's type."""
        self._declare_with(q, self.arguments)

    def _declare_with(self, q, arguments):
        for _ in range(3):
            ch = self.connection.channel()
            try:
                ch.queue_declare(q, durable=True, arguments=arguments or None)
                ch.close()
                return
            except ChannelClosedByBroker as e:
                followed = protocol.following(e.reply_text, arguments) if e.reply_code == 406 \
                    else None
                if followed is None:
                    raise RuntimeError(
                        f"cannot declare queue '{q}' ({e.reply_text}); the queue exists with "
                        "other arguments than Phaseflow declares: delete it or use a policy") from e
                kind = "quorum" if followed.get("x-queue-type") == "quorum" else "classic"
                log.warning("queue '%s' exists as a %s queue, unlike its namespace: declared as "
                            "it is", q, kind)
                arguments = followed
        raise RuntimeError(f"cannot declare queue '{q}': its arguments keep changing")

    def _try_declare(self, q, passive=False, arguments=None):
        """Declares q on a channel of its own (a refusal closes the channel it was asked on);
        returns the broker's reply code: 200 when it passed, else 404, 406..."""
        ch = self.connection.channel()
        try:
            ch.queue_declare(q, passive=passive, durable=True, arguments=arguments or None)
        except ChannelClosedByBroker as e:
            if e.reply_code in (404, 406):
                return e.reply_code
            raise
        ch.close()
        return 200

    def _settle_namespace(self):
        """The namespace's queue arguments, from its dead-letter queue (protocol section 3)."""
        marker = self.name(protocol.DEAD_LETTER)
        wanted = dict(protocol.QUORUM) if self.quorum else {}
        if self._try_declare(marker, passive=True) == 404:
            self._declare_with(marker, wanted)
            return wanted
        if self._try_declare(marker, arguments=protocol.QUORUM) == 200:
            return dict(protocol.QUORUM)
        return {}

    def _on_signal(self, signum, frame):
        log.info("signal %s: stopping after the jobs in hand", signum)
        self.stopping.set()

    def run(self, handlers):
        """Connects, deploys instances of every handler, and serves until SIGTERM or SIGINT."""
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        self.connection = pika.BlockingConnection(pika.URLParameters(self.url))
        self.arguments = self._settle_namespace()
        for q in (protocol.JOB_FINISHED, protocol.JOB_HEARTBEAT):
            self._declare(self.name(q))
        self.publisher = self.connection.channel()
        self.publisher.confirm_delivery()
        deployments = [_Deployment(self, h) for h in handlers]
        for d in deployments:
            d.start()
            _say(f"{self.instances} instance(s) of {d.handler.name} v{d.handler.version} on "
                 f"{d.queue} (prefetch {self.prefetch})")
        while not self.stopping.is_set():
            self.connection.process_data_events(time_limit=0.2)
        for d in deployments:
            d.cancel()
        deadline = time.monotonic() + self.stop_wait
        while any(d.in_hand() for d in deployments):
            self.connection.process_data_events(time_limit=0.1)
            if time.monotonic() > deadline:
                log.warning("abandoning jobs still running after %ss; the engine retries them "
                            "after their heartbeat timeout", self.stop_wait)
                self.abandoned.set()
                break
        self.connection.close()
        _say("stopped")


class _Deployment:
    """instances consumers of one handler's queue, a worker thread each, and a thread for each job
    acked at its start."""

    def __init__(self, runner, h):
        self.runner, self.handler = runner, h
        self.queue = runner.name(protocol.handler_queue(h.name, h.version))
        self.free = threading.Semaphore(runner.instances)
        self.consumers = []
        self.lock = threading.Lock()
        self.working = 0  # deliveries a worker holds
        self.running = 0  # early-acked jobs running

    def start(self):
        self.runner._declare(self.queue)
        for _ in range(self.runner.instances):
            ch = self.runner.connection.channel()
            ch.basic_qos(prefetch_count=self.runner.prefetch)
            inbox = queue.Queue()
            tag = ch.basic_consume(self.queue, lambda c, m, p, b, i=inbox: i.put((c, m, b)),
                                   auto_ack=False)
            self.consumers.append((ch, tag))
            threading.Thread(target=self._work, args=(inbox,), daemon=True).start()

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

    def _work(self, inbox):
        while True:
            ch, method, body = inbox.get()
            if self.runner.stopping.is_set():
                continue  # not started: redelivered once the channel closes
            self._count(working=1)
            try:
                self._deliver(ch, method.delivery_tag, body)
            except Exception as e:  # noqa: BLE001 - the broker redelivers an unsettled job
                log.warning("job from %s not settled (%s); handing it back", self.queue, e)
                self._settle(lambda: ch.basic_nack(method.delivery_tag, requeue=True))
            finally:
                self._count(working=-1)

    def _settle(self, action):
        try:
            self.runner._io(action)
        except Exception as e:  # noqa: BLE001 - a lost channel: the broker redelivers
            log.debug("cannot settle a delivery from %s: %s", self.queue, e)

    def _deliver(self, ch, tag, body):
        try:
            job = protocol.decode_job(body)
        except protocol.MalformedMessage as e:
            log.warning("dead-lettering a message from %s: %s", self.queue, e)
            self.runner.publish(protocol.DEAD_LETTER, body, {
                "x-phaseflow-reason": str(e), "x-phaseflow-queue": self.queue,
                "x-phaseflow-at": protocol.now_millis()})
            self.runner._io(lambda: ch.basic_ack(tag))
            return
        self.free.acquire()
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
        beating = _Beating(self.runner, job)
        if job.heartbeat_millis > 0:
            threading.Thread(target=beating.every_third, daemon=True).start()
        _current.beating = beating
        started = protocol.now_millis()
        try:
            outcome = protocol.outcome_of(self.handler.process, job)
        finally:
            _current.beating = None
            beating.done.set()
        if self.runner.abandoned.is_set():
            return
        body = protocol.job_finished(job, outcome, started, protocol.now_millis())
        self.runner.publish(protocol.JOB_FINISHED, body)
