"""The instances of one deployment, handed to waiting deliveries highest priority first
(docs/protocol.md section 2), as the Java runner's PriorityGate does."""

import threading

from .protocol import PRIORITIES


class PriorityGate:
    """A delivery of priority level (an index into PRIORITIES, 0 the highest) waits while every
    instance is busy or a delivery of a higher priority waits too. Thread-safe."""

    def __init__(self, instances: int):
        self._changed = threading.Condition()
        self._free = instances
        self._waiting = [0] * len(PRIORITIES)

    def acquire(self, level: int):
        with self._changed:
            self._waiting[level] += 1
            try:
                while self._free == 0 or any(self._waiting[:level]):
                    self._changed.wait()
                self._free -= 1
            finally:
                self._waiting[level] -= 1
                self._changed.notify_all()  # one fewer waiting: a lower priority may go now

    def release(self):
        with self._changed:
            self._free += 1
            self._changed.notify_all()
