"""`python -m course hub`: its options, the checks before starting, and the start.

It writes the configuration (config.py), says where learners and teachers go (and, for
--dummy-auth, loudly, that anyone gets in), then becomes `jupyterhub -f DIR/jupyterhub_config.py`
from this Python's environment.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from course.hub import SERVICE_NAME, TEACHERS_GROUP, config
from course.hub.config import PASSWORD_VARIABLE, names, write_config

DUMMY_WARNING = """\
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!
!!  --dummy-auth: ANYONE who can reach this hub logs in as ANY name, with ANY password.     !!
!!  For trying the hub out and for tests only. Never use it with a class.                   !!
!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!"""


def command_hub(course, args) -> int:
    """Write the class's configuration, say what it does, and become JupyterHub."""
    from course.cli import CourseError, launch

    if args.dummy_auth and args.auth != "pam":
        raise CourseError("--dummy-auth replaces --auth: give one of them.")
    if shutil.which("jupyterhub", path=str(Path(sys.executable).parent)) is None:
        raise CourseError(
            f"JupyterHub is not installed in this Python environment ({sys.executable}).\n"
            "Install it with `pip install -e '.[hub]'`, then run this command again."
        )
    if not config.PROXY.exists():
        raise CourseError(
            "JupyterHub's proxy (configurable-http-proxy) is not installed: "
            "`bash scripts/ensure-hub-proxy.sh` installs it into .hub-node/ (needs npm)."
        )
    if args.auth == "shared-password" and len(os.environ.get(PASSWORD_VARIABLE, "")) < 8:
        raise CourseError(
            f"--auth shared-password reads the class password from ${PASSWORD_VARIABLE} "
            "(8 characters or more): set it, then run this command again."
        )
    written = write_config(args)
    if args.dummy_auth:
        print(DUMMY_WARNING, flush=True)
    elif args.auth == "pam" and hasattr(os, "geteuid") and os.geteuid() != 0:
        print(
            "Note: with --auth pam each learner's server runs as the learner's own account, "
            "which needs the hub to run as root (sudo); run like this, only you can log in. "
            "Without accounts: --auth shared-password.",
            flush=True,
        )
    teachers = ", ".join(names(args.teachers)) or "nobody yet (--teachers alice,bob)"
    host = args.ip if args.ip not in ("", "0.0.0.0") else socket.gethostname()
    print(
        f"Configuration: {written}\n"
        f"Learners log in at http://{host}:{args.port}/ and get their own copy of the course.\n"
        f"The class page, for the group '{TEACHERS_GROUP}' ({teachers}): "
        f"http://{host}:{args.port}/services/{SERVICE_NAME}/\n"
        "Press Ctrl-C here to stop the hub and every learner's server.",
        flush=True,
    )
    if args.write_only:
        return 0
    jupyterhub = str(Path(sys.executable).parent / "jupyterhub")
    return launch([jupyterhub, "-f", str(written)], cwd=Path(args.dir).resolve())


def add_arguments(parser) -> None:
    parser.add_argument(
        "--dir",
        default="class-hub",
        help="folder for the configuration, the "
        "hub's database and the class store (default: ./class-hub)",
    )
    parser.add_argument("--ip", default="0.0.0.0", help="address to listen on (default: all)")
    parser.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    parser.add_argument(
        "--auth",
        choices=("pam", "shared-password"),
        default="pam",
        help="pam: the machine's accounts (default); shared-password: one class password "
        f"from ${PASSWORD_VARIABLE}, no accounts needed",
    )
    parser.add_argument("--learners", help="the class list: 'ann,ben' or a file, one name a line")
    parser.add_argument("--teachers", help="'alice,bob': the hub group that sees the class page")
    parser.add_argument(
        "--dummy-auth",
        action="store_true",
        help="ANY name, ANY password: only for trying out and tests",
    )
    parser.add_argument(
        "--write-only", action="store_true", help="write the configuration; do not start the hub"
    )
