"""Phaseflow handlers in Python: the job protocol (docs/protocol.md) over RabbitMQ with pika.

    from phaseflow_handlers import handler, JobFailed, main

    @handler("WordCounter")
    def count(job):
        if "text" not in job.payload:
            raise JobFailed("payload has no text", retryable=False)
        return {"words": len(job.payload["text"].split())}

    if __name__ == "__main__":
        main([count])   # --amqp URL --namespace NS --instances N --prefetch N
"""

from .protocol import Job, JobFailed
from .beating import beat
from .handler import Handler, handler
from .runner import Runner
from .cli import main

__all__ = ["Handler", "Job", "JobFailed", "Runner", "beat", "handler", "main"]
