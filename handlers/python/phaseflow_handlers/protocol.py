"""The Phaseflow job protocol, format 2 (docs/protocol.md): queue names, the Job message and the
messages a handler publishes, and how a handler's outcome becomes a JobFinished. Pure: no I/O."""

import json
import re
import time
from dataclasses import dataclass
from typing import Any, Optional

FORMAT = 2

JOB_FINISHED = "phaseflow.job-finished"
JOB_HEARTBEAT = "phaseflow.job-heartbeat"
DEAD_LETTER = "phaseflow.dead-letter"

QUORUM = {"x-queue-type": "quorum", "x-queue-leader-locator": "balanced"}
CLASSIC = {"x-queue-mode": "lazy"}

# Beats a handler sends itself closer together than this (or heartbeatMillis / 3) are dropped.
MIN_BEAT_GAP_MILLIS = 1000


# A workflow's priorities, highest first: handlers take a waiting job of a higher one first.
PRIORITIES = ("high", "normal", "low")


def handler_queue(name: str, version: int, priority: str = "normal") -> str:
    """The queue of one handler's major version for jobs of priority, e.g.
    phaseflow.handler.PageSummarizer.v1 (normal) or phaseflow.handler.PageSummarizer.v1.high."""
    if priority not in PRIORITIES:
        raise ValueError(f"unknown priority '{priority}'; expected one of {', '.join(PRIORITIES)}")
    normal = f"phaseflow.handler.{name}.v{version}"
    return normal if priority == "normal" else f"{normal}.{priority}"


def in_namespace(namespace: Optional[str], queue: str) -> str:
    """The broker's name of a queue: NS.queue, or the queue itself in the default namespace."""
    return f"{namespace}.{queue}" if namespace else queue


class MalformedMessage(Exception):
    """A body that can never be processed: it belongs on the dead-letter queue with this reason."""


class JobFailed(Exception):
    """Raise from a handler to fail its job. retryable=False fails the job at once (its phase
    takes its error edge); True lets the engine try again after the handler's backoff."""

    def __init__(self, message: str, retryable: bool = False):
        super().__init__(message)
        self.retryable = retryable


@dataclass(frozen=True)
class Job:
    """One attempt of one job. (workflow_id, entry, job, attempt) is the attempt id."""

    workflow_id: str
    phase: str
    entry: int
    job: int
    attempt: int
    handler: str
    version: int
    payload: Any = None
    data: Any = None
    inputs: Any = None
    heartbeat_millis: int = 0


def _int(message: dict, field: str, least: int, what: str, kind: str = "Job") -> int:
    value = message.get(field)
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        shown = "missing" if value is None else json.dumps(value)
        raise MalformedMessage(f"{kind} {field} is {shown}; expected {what} >= {least}")
    return value


def _text(message: dict, field: str, kind: str = "Job") -> str:
    value = message.get(field)
    if not isinstance(value, str) or not value.strip():
        raise MalformedMessage(f"{kind} without {field}")
    return value


def decode_job(body: bytes) -> Job:
    """Parses and checks a Job body; raises MalformedMessage naming what is wrong."""
    try:
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise MalformedMessage(f"not a valid Job message: {e}") from e
    if not isinstance(message, dict):
        raise MalformedMessage(f"body is a JSON {type(message).__name__}, expected a Job object")
    return _job_of(message)


def decode_jobs(body: bytes) -> list:
    """The jobs of a job message: one for a Job object, each in order for a batch (a JSON array
    of Job objects, protocol section 4); raises MalformedMessage naming what is wrong."""
    try:
        message = json.loads(body)
    except (ValueError, UnicodeDecodeError) as e:
        raise MalformedMessage(f"not a valid Job message: {e}") from e
    if isinstance(message, dict):
        return [_job_of(message)]
    if not isinstance(message, list):
        raise MalformedMessage(f"body is a JSON {type(message).__name__}, expected a Job object")
    if not message:
        raise MalformedMessage("body is an empty JSON array, expected Job objects")
    jobs = []
    for i, element in enumerate(message):
        if not isinstance(element, dict):
            raise MalformedMessage(
                f"job [{i}] of the batch: a JSON {type(element).__name__}, expected a Job object")
        try:
            jobs.append(_job_of(element))
        except MalformedMessage as e:
            raise MalformedMessage(f"job [{i}] of the batch: {e}") from e
    return jobs


def _job_of(message: dict) -> Job:
    fmt = message.get("format", 1)
    if isinstance(fmt, bool) or not isinstance(fmt, int) or fmt < 1:
        raise MalformedMessage(f"Job format is {json.dumps(fmt)}; expected 1 to {FORMAT}")
    if fmt > FORMAT:
        raise MalformedMessage(
            f"Job message format {fmt} is newer than this library reads (up to {FORMAT}); "
            "upgrade phaseflow_handlers")
    return Job(
        workflow_id=_text(message, "workflowId"),
        phase=_text(message, "phase"),
        entry=_int(message, "entry", 1, "a phase entry number"),
        job=_int(message, "job", 0, "a job index"),
        attempt=_int(message, "attempt", 1, "an attempt number"),
        handler=_text(message, "handler"),
        version=_int(message, "version", 1, "a handler major version"),
        payload=message.get("payload"),
        data=message.get("data"),
        inputs=message.get("inputs"),
        heartbeat_millis=max(0, message.get("heartbeatMillis") or 0),
    )


def _ids(job: Job) -> dict:
    return {"format": FORMAT, "workflowId": job.workflow_id, "entry": job.entry, "job": job.job,
            "attempt": job.attempt}


def _encode(message: dict) -> bytes:
    return json.dumps(message, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def now_millis() -> int:
    return int(time.time() * 1000)


def job_finished(job: Job, outcome: dict, started_at: int, finished_at: int) -> bytes:
    """The JobFinished body of job, for an outcome made by outcome_of."""
    message = _ids(job)
    message["handler"] = job.handler
    message.update(outcome)
    message["startedAt"] = started_at
    message["finishedAt"] = finished_at
    return _encode(message)


def job_heartbeat(job: Job, at: int) -> bytes:
    message = _ids(job)
    message["at"] = at
    return _encode(message)


def success(output: Any) -> dict:
    return {"ok": True, "output": output, "retryable": False}


def failure(error: str, retryable: bool) -> dict:
    return {"ok": False, "error": error or "failed without a message", "retryable": retryable}


def outcome_of(handler, job: Job) -> dict:
    """Runs handler(job) and says how the job ended, as the Java runner does: JobFailed keeps its
    flag, any other exception is retryable; what the handler returns is the output (None: null).
    Never raises for what the handler does."""
    try:
        output = handler(job)
    except JobFailed as e:
        return failure(str(e), e.retryable)
    except RecursionError:
        # A bug in the handler, not in the message: retrying would loop too.
        return failure(f"RecursionError in {job.handler}", False)
    except Exception as e:  # noqa: BLE001 - every other failure is the job's, retryable
        return failure(f"{type(e).__name__}: {e}", True)
    try:
        json.dumps(output)
    except (TypeError, ValueError) as e:
        # Not JSON: the handler's bug, which another attempt would repeat.
        return failure(f"{job.handler} returned an output that is not JSON: {e}", False)
    return success(output)


_INEQUIVALENT = re.compile(
    r"inequivalent arg '([^']+)' for queue .* but current is (?:none|the value '([^']*)')")


def following(reply_text: str, arguments: Optional[dict]) -> Optional[dict]:
    """The arguments of an existing queue that the broker's PRECONDITION_FAILED reply describes,
    when it is about the queue type, a quorum queue's leader locator or a classic queue's mode;
    None when it cannot be followed."""
    m = _INEQUIVALENT.search(reply_text or "")
    if not m:
        return None
    arg, current = m.group(1), m.group(2)
    if arg == "x-queue-type":
        if current is None or current == "classic":
            return dict(CLASSIC)
        return dict(QUORUM) if current == "quorum" else None
    if arg == "x-queue-mode":  # a quorum queue has no mode: one that is there is a classic queue's
        if current is not None:
            return {arg: current}
        return None if (arguments or {}).get("x-queue-type") == "quorum" else {}
    if arg == "x-queue-leader-locator" and (arguments or {}).get("x-queue-type") == "quorum":
        followed = dict(arguments)
        if current is None:
            followed.pop(arg, None)
        else:
            followed[arg] = current
        return followed
    return None
