"""Running one notebook's plan in a fresh kernel, and reading each check's verdict.

Each notebook gets its own kernel (nbclient, ipykernel; see runtime.py for its
environment), its own copy of ``nnfs``, and an empty temporary working folder, all
deleted afterwards.
"""

from __future__ import annotations

import ast
import asyncio
import json
import secrets
import shutil
import subprocess
import tempfile
from pathlib import Path
from queue import Empty
from time import monotonic

from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbclient.util import ensure_async
from nbformat.v4 import new_code_cell, new_notebook

from .runtime import runtime_env

INCELL = (Path(__file__).parent / "_incell.py").read_text(encoding="utf-8")
GRACE = 10.0   # seconds an interrupted kernel has to be ready again before grading stops


class Stop(Exception):
    """The notebook cannot go on: the reason is the message."""


class _Client(NotebookClient):
    """nbclient, keeping no output: it only counts the bytes, to stop a flood."""

    limit = 10_000_000
    flooded = False

    def output(self, outs, msg, display_id, cell_index):
        self.seen = getattr(self, "seen", 0) + len(str(msg.get("content", "")))
        self.flooded = self.flooded or self.seen > self.limit
        return None


async def _verdict(client, call, limits, args) -> tuple[bool, str]:
    key = f"_nnfs_verdict_{secrets.token_hex(8)}"
    given = {"root": args["lib"], "digests": args["digests"], "key": key, "name": call[0],
             "module": call[1], "attr": call[2], "call": call[3]}
    code = (f"exec({INCELL!r}, {{'__name__': '_nnfs_grader', 'USER_NS': globals(), "
            f"'ARGS': {given!r}}})")
    msg_id = client.kc.execute(code, silent=True, store_history=False, stop_on_error=False,
                               user_expressions={"v": f"globals().pop({key!r})"})
    deadline = monotonic() + limits["cell"]
    while True:
        left = deadline - monotonic()
        if left <= 0:
            await _interrupt(client)
            return False, f"it ran out of time ({limits['cell']:g} s) during the check."
        try:
            reply = await ensure_async(client.kc.shell_channel.get_msg(timeout=min(1.0, left)))
        except Empty:
            if not await ensure_async(client.kc.is_alive()):
                raise Stop("the kernel died during a check (the notebook's code ended "
                           "its Python process)") from None
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    try:
        value = reply["content"]["user_expressions"]["v"]["data"]["text/plain"]
        verdict = json.loads(ast.literal_eval(value))
        return verdict["passed"] is True, str(verdict["message"])
    except Exception:
        return False, "the grader could not read the verdict (the notebook's code interfered)."


async def _interrupt(client) -> None:
    """Interrupt the kernel and wait until it answers again; Stop if it does not within
    GRACE seconds (code that goes on after KeyboardInterrupt would time out every check)."""
    await ensure_async(client.km.interrupt_kernel())
    msg_id = client.kc.execute("", silent=True, store_history=False, stop_on_error=False)
    deadline = monotonic() + GRACE
    while (left := deadline - monotonic()) > 0:
        try:
            reply = await ensure_async(client.kc.shell_channel.get_msg(timeout=min(1.0, left)))
        except Empty:
            if not await ensure_async(client.km.is_alive()):
                raise Stop("the kernel died after it was interrupted") from None
            continue
        if reply["parent_header"].get("msg_id") == msg_id:
            return
    raise Stop(f"the kernel was still busy {GRACE:g} s after it was interrupted "
               "(the code went on after the interrupt)")


async def _run(steps, env, cwd, limits, args, verdicts, notes) -> None:
    client = _Client(new_notebook(), kernel_name="nnfs-grader", timeout=limits["cell"],
                     allow_errors=True, interrupt_on_timeout=False, shutdown_kernel="immediate",
                     iopub_timeout=2, km=AsyncKernelManager(
                         kernel_name="nnfs-grader",   # connection file in the grading folder
                         connection_file=str(Path(cwd).with_suffix(".kernel.json")),
                         kernel_spec_manager=KernelSpecManager(kernel_dirs=[args["kernels"]])))
    client.limit = limits["output"]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    async with client.async_setup_kernel(env=env, cwd=str(cwd), **quiet):
        for step in steps:
            if step.check:
                verdicts.append((step.check, *await _verdict(client, step.check[2], limits, args)))
                continue
            cell = new_code_cell(step.source)
            client.nb.cells.append(cell)
            try:
                await client.async_execute_cell(cell, len(client.nb.cells) - 1)
            except CellTimeoutError:
                notes.append(f"a cell ran out of time ({limits['cell']:g} s) and was interrupted:"
                             f" {step.source.strip().splitlines()[0][:60]!r}")
                await _interrupt(client)
            except DeadKernelError:
                dead = not await ensure_async(client.km.is_alive())
                raise Stop("the kernel died (the notebook's code ended its Python process)"
                           if dead else "the kernel stopped answering") from None
            if client.flooded:
                raise Stop(f"the notebook printed more than {limits['output'] // 10**6} MB")


def run(steps, runtime: dict, limits: dict) -> tuple[list, list, list]:
    """Execute ``steps``; return (verdicts done, notes, names of files the notebook wrote)."""
    verdicts, notes = [], []
    cwd = Path(tempfile.mkdtemp(prefix="nb-", dir=runtime["root"]))
    lib = Path(tempfile.mkdtemp(prefix="lib-", dir=runtime["root"]))  # one copy per notebook:
    shutil.copytree(Path(runtime["lib"]) / "nnfs", lib / "nnfs")     # it may spoil only its own
    runtime = dict(runtime, lib=str(lib), path=[str(lib), *runtime["path"][1:]])
    env = runtime_env(runtime, cwd)
    try:
        asyncio.run(asyncio.wait_for(_run(steps, env, cwd, limits, runtime, verdicts, notes),
                                     limits["notebook"]))
    except Stop as stop:
        notes.append(f"grading stopped: {stop}")
    except TimeoutError:
        notes.append(f"grading stopped: the notebook ran out of time ({limits['notebook']:g} s)")
    except Exception as error:  # the kernel would not start, ...: a reason, never a crash
        notes.append(f"grading stopped: {type(error).__name__}: {str(error)[:100]}")
    wrote = sorted(p.name for p in cwd.iterdir() if p.name != ".ipython")
    for folder in (cwd, lib):
        shutil.rmtree(folder, ignore_errors=True)
    return verdicts, notes, wrote
