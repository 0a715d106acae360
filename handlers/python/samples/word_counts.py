"""Sample Python handler: PySectionCounter counts the words of one book section (one job per
section of BookSplitter's output, `for_each`). Run it next to the engine:

    python3 handlers/python/samples/word_counts.py --namespace NS --instances 2
"""

import os
import re
import sys
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))

from phaseflow_handlers import JobFailed, beat, handler, main  # noqa: E402

WORD = re.compile(r"[a-z0-9']+")


@handler("PySectionCounter")
def count_section(job):
    """Output {"index", "heading", "words", "counts": {word: n}}; a section without text fails
    the job, not retryably. data.pause_ms makes it a long job that reports its progress."""
    section = job.payload if isinstance(job.payload, dict) else {}
    text = section.get("text")
    if not isinstance(text, str) or not text.strip():
        raise JobFailed(
            f"section {section.get('index')} ({section.get('heading')!r}) has no text; "
            "every '## ' heading needs a paragraph", retryable=False)
    pause = (job.data or {}).get("pause_ms", 0) / 1000.0
    while pause > 0:  # a long job: the runner beats on its own, and so may the handler
        time.sleep(min(0.5, pause))
        pause -= 0.5
        beat()
    counts = Counter(WORD.findall(text.lower()))
    return {"index": section.get("index"), "heading": section.get("heading"),
            "words": sum(counts.values()), "counts": dict(counts)}


if __name__ == "__main__":
    main([count_section])
