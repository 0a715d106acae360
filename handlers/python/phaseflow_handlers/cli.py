"""Command line of a handler process, with the options of `phaseflow handlers`."""

import argparse
import logging
import os
import sys

from .runner import Runner


def main(handlers, argv=None):
    """Parses the command line and runs handlers until SIGTERM; exits 0 after a clean stop."""
    names = ", ".join(f"{h.name} v{h.version}" for h in handlers)
    p = argparse.ArgumentParser(description=f"Runs Phaseflow handler instances of {names}.")
    p.add_argument("--amqp", default=os.environ.get("PHASEFLOW_AMQP_URL",
                                                    "amqp://guest:guest@127.0.0.1:5672"),
                   help="the broker (default: $PHASEFLOW_AMQP_URL or the local one)")
    p.add_argument("--namespace", default=os.environ.get("PHASEFLOW_NAMESPACE") or None,
                   help="the namespace of the engine's queues (default: none)")
    p.add_argument("--instances", type=int, default=1, help="consumers per handler (default 1)")
    p.add_argument("--prefetch", type=int, default=10,
                   help="jobs each instance takes ahead (default 10)")
    p.add_argument("--quorum", action="store_true",
                   help="create a new namespace's queues as quorum queues")
    p.add_argument("--queue", default="all",
                   help="NAME[,NAME] of the handlers to run, or all (default)")
    args = p.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("pika").setLevel(logging.WARNING)  # its INFO is every channel opened
    chosen = handlers
    if args.queue != "all":
        wanted = set(args.queue.split(","))
        chosen = [h for h in handlers if h.name in wanted]
        unknown = wanted - {h.name for h in chosen}
        if unknown:
            p.error(f"no handler named {', '.join(sorted(unknown))}; this process has {names}")
    try:
        Runner(args.amqp, args.namespace, args.instances, args.prefetch, args.quorum).run(chosen)
    except ValueError as e:
        p.error(str(e))
    try:
        sys.stdout.flush()
    except OSError:  # stdout closed: nothing left to say, and exiting must not fail on it
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(0)
