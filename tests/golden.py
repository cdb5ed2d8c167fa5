"""Golden files: what an export or a parse must produce, byte for byte, kept beside the tests
(tests/*/golden/). A golden file states what is right: review a rewritten one line by line.

`UPDATE_GOLDEN=1 pytest …` rewrites each file and fails the test that wrote it, naming the file,
so that a rewrite is never a pass: read `git diff`, then run again without it. Without
UPDATE_GOLDEN, or with any other value, the tests compare."""

import difflib
import os
from pathlib import Path

import pytest

DIFF_LINES = 40


def assert_matches_golden(path: Path, content: bytes) -> None:
    kept = path.read_bytes() if path.exists() else None
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
        change = "unchanged" if content == kept else "created" if kept is None else "changed"
        pytest.fail(
            f"UPDATE_GOLDEN=1 rewrote {path} ({change}): review `git diff`, then run the tests without UPDATE_GOLDEN",
            pytrace=False,
        )
    assert kept is not None, f"{path} is missing: UPDATE_GOLDEN=1 writes it, for review"
    if content != kept:
        diff = difflib.unified_diff(
            kept.decode("utf-8", "replace").splitlines(),
            content.decode("utf-8", "replace").splitlines(),
            "golden",
            "produced",
            lineterm="",
        )
        lines = list(diff)[:DIFF_LINES] or [f"the same lines in other bytes: {len(kept)} kept, {len(content)} produced"]
        pytest.fail(f"{path} differs from what the code produces:\n" + "\n".join(lines), pytrace=False)
