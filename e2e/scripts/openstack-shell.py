"""python-openstackclient's own shell, forked from one interpreter for each command.

The `openstack` command is `openstackclient.shell:main`: it imports the client libraries (about a
second of CPU) and then runs one command. The journeys run about a hundred commands, so this
imports once and then, for each command, forks a child that calls the same `main` with that
command's argv and OS_* environment and exits: each command runs in a process of its own, with
none of an earlier command's state (sign-in, sessions, caches), as a new `openstack` would.

Reads one JSON object per line on stdin: {"args": [...], "env": {...}}; writes one per line on
stdout: {"code": exit status, "stdout": ..., "stderr": ...}.
"""

import contextlib
import io
import json
import os
import sys

# cliff names the program after argv[0] when it is imported: the messages say "openstack".
sys.argv = ["openstack"]
from openstackclient import shell  # noqa: E402


def run(request):
    """In the child: the command, its output captured, its answer as JSON."""
    for key in [k for k in os.environ if k.startswith("OS_")]:
        del os.environ[key]
    os.environ.update(request["env"])
    sys.argv = ["openstack", *request["args"]]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = shell.main(request["args"])
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        except Exception as error:  # what the command would have died of, as its exit status
            print(f"{type(error).__name__}: {error}", file=sys.stderr)
            code = 1
    return json.dumps({"code": code or 0, "stdout": out.getvalue(), "stderr": err.getvalue()})


for line in sys.stdin:
    request = json.loads(line)
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:
        os.close(read_end)
        with os.fdopen(write_end, "w") as answer:
            answer.write(run(request))
        os._exit(0)
    os.close(write_end)
    with os.fdopen(read_end) as answer:
        text = answer.read()
    _, status = os.waitpid(pid, 0)
    if not text:
        text = json.dumps({"code": 1, "stdout": "", "stderr": f"the command's process ended with status {status}"})
    sys.stdout.write(text + "\n")
    sys.stdout.flush()
