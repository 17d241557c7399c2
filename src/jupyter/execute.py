"""Executes one notebook through nbclient for src/jupyter/execute.ts.

Run with Debian's /usr/bin/python3 (the one with nbclient). Reads one JSON
request line on stdin: {"notebook": {...}, "cwd": "...", "kernel": "tslab",
"timeout": <seconds per cell>, "startup_timeout": <seconds>}, and keeps
stdin open: its end means that the caller is gone. Writes JSON lines on
stdout, one event each:

  {"event": "kernel_ready"}
  {"event": "cell", "index": i}                     a code cell starts (0-based)
  {"event": "cell_done", "index": i}
  {"event": "done", "notebook": {...}}
  {"event": "failed", "kind": "error"|"timeout"|"dead_kernel"|"startup",
   "index": i|null, "ename": ..., "evalue": ..., "traceback": [...],
   "stderr": "...", "message": "...", "notebook": {...}|null}

The kernel never outlives this process, nor this process its caller:

- SIGTERM, SIGINT or SIGHUP: the kernel's process group (the tslab kernel
  and the figure renderer it started; Chromium follows its renderer's pipe)
  is killed with SIGKILL and this process exits with 128 + the signal's
  number, writing nothing more;
- the caller gone (stdin at its end, or this process re-parented), even
  killed with SIGKILL: the same, exit code 129;
- this process killed with SIGKILL: the kernel gets SIGKILL from the
  system (PR_SET_PDEATHSIG, set in the kernel before it starts).

nbclient runs in a thread of its own, so that these signals stay with the
main thread (nbclient's own handlers need the main thread and are skipped).

The caller owns every message shown to a person; this file only reports.
"""
import os
import signal
import sys
import threading
import time

_stopping = threading.Lock()
_connection_files = []


def _children():
    """(pid, process group) of each live child of this process, read from /proc."""
    me = os.getpid()
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as f:
                stat = f.read().decode("utf-8", "replace")
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces and parentheses.
        fields = stat[stat.rfind(")") + 2:].split()
        if len(fields) >= 3 and int(fields[1]) == me and fields[0] != "Z":
            found.append((int(entry), int(fields[2])))
    return found


def stop(code):
    """Kills every child with its process group, then exits with `code` at once."""
    if not _stopping.acquire(blocking=False):
        while True:  # another thread is stopping: it exits the process
            time.sleep(1)
    own_group = os.getpgrp()
    children = _children()
    for pid, group in children:
        try:
            if group != own_group:
                os.killpg(group, signal.SIGKILL)
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass
    deadline = time.monotonic() + 2
    for pid, _ in children:  # reap them: no zombie left behind
        while time.monotonic() < deadline:
            try:
                if os.waitpid(pid, os.WNOHANG)[0] != 0:
                    break
            except ChildProcessError:
                break
            time.sleep(0.02)
    for path in _connection_files:
        try:
            os.remove(path)
        except OSError:
            pass
    os._exit(code)


def _on_signal(signum, _frame):
    stop(128 + signum)


for _sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
    signal.signal(_sig, _on_signal)
_PARENT = os.getppid()

# After the handlers: a signal during these slow imports already stops cleanly.
import ctypes  # noqa: E402
import json  # noqa: E402
import traceback  # noqa: E402

import nbformat  # noqa: E402
from nbclient import NotebookClient  # noqa: E402
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError  # noqa: E402

_LIBC = ctypes.CDLL(None, use_errno=True)
_PR_SET_PDEATHSIG = 1


def _kernel_dies_with_us():
    """preexec_fn of the kernel: SIGKILL when the thread that started it ends."""
    _LIBC.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != _SELF:  # this process died before the prctl
        os._exit(1)


_SELF = os.getpid()


def _watch_caller():
    """Stops when stdin ends (the caller closed it or died) or this process is re-parented."""
    def stdin_end():
        # os.read, not sys.stdin: a daemon thread blocked in a buffered read
        # would hold its lock at interpreter shutdown.
        try:
            while os.read(0, 65536):
                pass
        except OSError:
            pass
        stop(129)

    def parent():
        while os.getppid() == _PARENT:
            time.sleep(0.5)
        stop(129)

    threading.Thread(target=stdin_end, daemon=True).start()
    threading.Thread(target=parent, daemon=True).start()


def emit(event):
    sys.stdout.write(json.dumps(event, ensure_ascii=False) + "\n")
    sys.stdout.flush()


def cell_failure(cell):
    """ename/evalue/traceback of the cell's error output and its stderr text."""
    failure = {"ename": None, "evalue": None, "traceback": [], "stderr": ""}
    for output in cell.get("outputs", []):
        if output.get("output_type") == "error":
            failure["ename"] = output.get("ename")
            failure["evalue"] = output.get("evalue")
            failure["traceback"] = list(output.get("traceback", []))
        elif output.get("output_type") == "stream" and output.get("name") == "stderr":
            text = output.get("text", "")
            failure["stderr"] += "".join(text) if isinstance(text, list) else text
    return failure


def execute(request):
    # reads() rejoins the list-of-lines strings of the file format into the
    # plain strings nbclient expects.
    nb = nbformat.reads(json.dumps(request["notebook"]), as_version=4)
    current = {"index": None}

    def on_notebook_start(**_):
        if client.km is not None and getattr(client.km, "connection_file", None):
            _connection_files.append(client.km.connection_file)
        emit({"event": "kernel_ready"})

    def on_cell_execute(cell, cell_index, **_):
        current["index"] = cell_index
        emit({"event": "cell", "index": cell_index})

    def on_cell_executed(cell, cell_index, **_):
        emit({"event": "cell_done", "index": cell_index})

    client = NotebookClient(
        nb,
        kernel_name=request.get("kernel", "tslab"),
        timeout=request["timeout"],
        startup_timeout=request.get("startup_timeout", 60),
        record_timing=False,
        allow_errors=False,
        interrupt_on_timeout=False,
        resources={"metadata": {"path": request["cwd"]}},
        on_notebook_start=on_notebook_start,
        on_cell_execute=on_cell_execute,
        on_cell_executed=on_cell_executed,
    )

    def failed(kind, message, **extra):
        index = current["index"]
        event = {"event": "failed", "kind": kind, "index": index, "message": message,
                 "ename": None, "evalue": None, "traceback": [], "stderr": ""}
        if index is not None:
            event.update(cell_failure(nb.cells[index]))
        event.update(extra)
        event["notebook"] = nb
        emit(event)
        return 1

    try:
        # preexec_fn reaches the kernel's Popen (nbclient → KernelManager → launcher).
        client.execute(preexec_fn=_kernel_dies_with_us)
    except CellTimeoutError as error:
        return failed("timeout", str(error))
    except CellExecutionError as error:
        return failed("error", str(error))
    except DeadKernelError as error:
        return failed("dead_kernel", str(error))
    except Exception as error:  # kernel could not start, bad kernelspec, ...
        if current["index"] is None:
            return failed("startup", f"{type(error).__name__}: {error}",
                          traceback=traceback.format_exc().splitlines())
        return failed("error", f"{type(error).__name__}: {error}")
    emit({"event": "done", "notebook": nb})
    return 0


def main():
    line = b""
    while not line.endswith(b"\n"):
        chunk = os.read(0, 65536)
        if not chunk:  # the caller went away before sending its request
            os._exit(129)
        line += chunk
    request = json.loads(line)
    _watch_caller()
    outcome = {"code": 1}

    def run():
        try:
            outcome["code"] = execute(request)
        except BaseException:  # noqa: BLE001 - reported on stderr, exit code 1
            traceback.print_exc()

    worker = threading.Thread(target=run, name="nbclient")
    worker.start()
    while worker.is_alive():
        worker.join(0.5)  # wakes for signal handlers
    return outcome["code"]


if __name__ == "__main__":
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    # The kernel is shut down; skip the interpreter's teardown, which the
    # watching threads (blocked reading stdin) could otherwise hold up.
    os._exit(code)
