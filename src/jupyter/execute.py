"""Executes one notebook through nbclient for src/jupyter/execute.ts.

Run with Debian's /usr/bin/python3 (the one with nbclient). Reads one JSON
request on stdin: {"notebook": {...}, "cwd": "...", "kernel": "tslab",
"timeout": <seconds per cell>, "startup_timeout": <seconds>}. Writes JSON
lines on stdout, one event each:

  {"event": "kernel_ready"}
  {"event": "cell", "index": i}                     a code cell starts (0-based)
  {"event": "cell_done", "index": i}
  {"event": "done", "notebook": {...}}
  {"event": "failed", "kind": "error"|"timeout"|"dead_kernel"|"startup",
   "index": i|null, "ename": ..., "evalue": ..., "traceback": [...],
   "stderr": "...", "message": "...", "notebook": {...}|null}

The caller owns every message shown to a person; this file only reports.
"""
import json
import sys
import traceback

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError, DeadKernelError


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


def main():
    request = json.load(sys.stdin)
    # reads() rejoins the list-of-lines strings of the file format into the
    # plain strings nbclient expects.
    nb = nbformat.reads(json.dumps(request["notebook"]), as_version=4)
    current = {"index": None}

    def on_notebook_start(**_):
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
        client.execute()
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


if __name__ == "__main__":
    sys.exit(main())
