"""What a handler is: a named, versioned function of a Job."""


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
