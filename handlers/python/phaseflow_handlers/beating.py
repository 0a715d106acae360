"""The heartbeats of running jobs (docs/protocol.md section 6), and handlers' own beat()."""

import logging
import threading

from . import protocol

log = logging.getLogger("phaseflow_handlers")
_current = threading.local()


def beat():
    """Reports the calling thread's job alive (moves its attempt's deadline); does nothing outside
    a job. Beats closer together than a second (or a third of heartbeatMillis) are sent once."""
    beating = getattr(_current, "beating", None)
    if beating is not None:
        beating.beat()


class Beating:
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


def running(beating):
    """Makes beating the calling thread's job for beat() (None: no job)."""
    _current.beating = beating
