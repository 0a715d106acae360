"""Runs handlers on RabbitMQ as the Java runner does (docs/protocol.md).

pika's BlockingConnection is not thread-safe, so the main thread owns it: it runs the I/O loop,
and every channel call of the other threads is handed to it (``_io``). Each instance is a consumer
on its own channel with the prefetch, feeding a worker thread. A job without heartbeatMillis runs
on that worker and is acked after its JobFinished was confirmed; a job with heartbeatMillis is
acked when it starts and runs on a thread of its own while a timer beats every third of it, so
it may outlast the broker's consumer timeout. At most ``instances`` jobs of a handler run at once.
"""

import logging
import signal
import threading
import time
import uuid

import pika
from pika.exceptions import ChannelClosedByBroker

from . import protocol
from .deployment import Deployment

log = logging.getLogger("phaseflow_handlers")

STOP_WAIT_SECONDS = 30.0
_PERSISTENT_JSON = dict(delivery_mode=2, content_type="application/json")


def _say(line):
    """Prints a line; a closed stdout (a supervisor that went first) is no reason to fail."""
    try:
        print(line, flush=True)
    except OSError:
        pass


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
        wanted = dict(protocol.QUORUM) if self.quorum else dict(protocol.CLASSIC)
        if self._try_declare(marker, passive=True) == 404:
            self._declare_with(marker, wanted)
            return wanted
        if self._try_declare(marker, arguments=protocol.QUORUM) == 200:
            return dict(protocol.QUORUM)
        return dict(protocol.CLASSIC)

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
        deployments = [Deployment(self, h) for h in handlers]
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
