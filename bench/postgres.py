"""The throwaway cluster of scripts/with-postgres, driven from a benchmark: restart it, crash it."""

import os
import pwd
import shlex
import subprocess
from pathlib import Path


def pg_ctl(*args):
    """pg_ctl as the cluster's owner (scripts/with-postgres runs the server as postgres when root)."""
    datadir = os.environ["PG_DATADIR"]
    owner = pwd.getpwuid(os.stat(datadir).st_uid).pw_name
    prefix = ["runuser", "-u", owner, "--"] if os.geteuid() == 0 and owner != "root" else []
    # -l: the server must not inherit our pipes (we would wait for it forever).
    server_log = Path(datadir).parent / "server-restarts.log"
    command = [*prefix, f"{os.environ['PG_BINDIR']}/pg_ctl", "-D", datadir, "-l", str(server_log), *args]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180)  # noqa: S603 (our own pg_ctl)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stdout}{done.stderr}")


def server_options():
    """The options the server was started with (pg_ctl restart reuses them; start needs them)."""
    words = shlex.split(Path(os.environ["PG_DATADIR"], "postmaster.opts").read_text())[1:]
    options, skip = [], False
    for word in words:
        if skip:
            skip = False
        elif word == "-D":
            skip = True
        else:
            options.append(word)
    return shlex.join(options)
