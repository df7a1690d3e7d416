"""``mkdocs serve`` redraws a figure when the library changes, once per edit.

Runs on a copy of the project, so editing the library cannot touch the real one.
"""

import queue
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from project import config_with_nav, copy_project, tool_env

FIGURE = "figures/neuron-diagram.svg"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> bytes:
    with urllib.request.urlopen(url) as response:
        return response.read()


def wait_for(
    lines: queue.Queue, text: str, seen: list[str], timeout: float = 60
) -> None:
    """Read server output into ``seen`` until a line contains ``text``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            line = lines.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"no {text!r} from mkdocs serve; it said:\n{''.join(seen)}")


@pytest.mark.builds
@pytest.mark.usefixtures("warm_caches")
def test_editing_nnlit_redraws_the_figure_with_one_rebuild(tmp_path: Path):
    copy_project(tmp_path, {"index.md": "# Home\n"})  # the figures need no page
    config = config_with_nav(tmp_path, ["index.md"])
    port = free_port()
    address = f"127.0.0.1:{port}"
    command = [sys.executable, "-m", "mkdocs", "serve", "-f", config, "-a", address]
    server = subprocess.Popen(
        command,
        cwd=tmp_path,
        env=tool_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    lines: queue.Queue = queue.Queue()
    reader = threading.Thread(target=lambda: [lines.put(x) for x in server.stdout])
    reader.start()
    seen: list[str] = []
    try:
        wait_for(lines, "Serving on", seen)
        url = f"http://127.0.0.1:{port}/{FIGURE}"
        before = fetch(url)
        drawing = tmp_path / "nnlit" / "figures" / "drawing.py"
        drawing.write_text(drawing.read_text().replace('"#cfe3f7"', '"#ff0000"'))
        seen.clear()
        wait_for(lines, "Reloading browsers", seen)
        after = fetch(url)
        time.sleep(3)  # room for a second, unwanted rebuild to show up
        while not lines.empty():
            seen.append(lines.get())
    finally:
        server.terminate()
        server.wait(timeout=30)
        reader.join(timeout=30)
        server.stdout.close()
    assert b"#ff0000" not in before
    assert b"#ff0000" in after
    assert sum("Building documentation" in line for line in seen) == 1, "".join(seen)
