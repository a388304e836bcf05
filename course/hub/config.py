"""The class hub's configuration: a JupyterHub for a class, in one file.

`write_config` writes DIR/jupyterhub_config.py, a plain JupyterHub configuration a teacher can
read and change (and take to The Littlest JupyterHub or Zero to JupyterHub: course/README.md says
how). The command itself, its options and checks, is in command.py.

Logins: local system users (PAM, the default; each learner's server runs as their own account
under LocalProcessSpawner), or a shared class password (`--auth shared-password`, JupyterHub's
SharedPasswordAuthenticator: no system accounts; the servers all run as the hub's own user, under
SimpleLocalProcessSpawner, with homes DIR/users/NAME). `--learners` fixes the class list
(allowed_users). `--dummy-auth` lets anyone in with any password: for trying out and tests only.
Teachers (`--teachers`) form the hub group `teachers`, the only one that sees the class page.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
from pathlib import Path

from course.hub import SERVICE_NAME, TEACHERS_GROUP
from course.syllabus import COURSE_ROOT

PROXY = COURSE_ROOT / ".hub-node" / "node_modules" / ".bin" / "configurable-http-proxy"
PASSWORD_VARIABLE = "LEARNTF_HUB_PASSWORD"  # the shared class password (never on the command line)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def names(text: str | None) -> list[str]:
    """'alice, bob' or a file with one name a line -> ['alice', 'bob']."""
    if not text:
        return []
    if os.path.isfile(text):
        text = Path(text).read_text(encoding="utf-8").replace("\n", ",")
    return [name.strip() for name in text.split(",") if name.strip()]


def settings(args) -> dict:
    """Everything the config file states, from the command's options."""
    folder = Path(args.dir).resolve()
    auth = "dummy" if args.dummy_auth else args.auth
    dot = shutil.which("dot")
    path = [str(Path(sys.executable).parent)]
    if dot:
        path.append(str(Path(dot).parent))
    path += ["/usr/local/bin", "/usr/bin", "/bin"]
    return {
        "dir": str(folder),
        "ip": args.ip,
        "port": args.port,
        "hub_port": free_port(),
        "proxy_api_port": free_port(),
        "service_port": free_port(),
        "python": sys.executable,
        "proxy": str(PROXY),
        "source": str(COURSE_ROOT),
        "auth": auth,
        "learners": names(args.learners),
        "teachers": names(args.teachers),
        "spawner": "localprocess" if auth == "pam" else "simple",
        "path": os.pathsep.join(dict.fromkeys(path)),
        "pythonpath": os.environ.get("PYTHONPATH", ""),
        "as_root": hasattr(os, "geteuid") and os.geteuid() == 0,
    }


def config_text(s: dict) -> str:
    """The jupyterhub_config.py for settings `s` (see `settings`)."""
    service_url = f"http://127.0.0.1:{s['service_port']}"
    # a class list (--learners) admits the teachers too; teachers alone are no class list
    allowed = sorted(set(s["learners"]) | set(s["teachers"])) if s["learners"] else []
    lines = [
        '"""JupyterHub for a learntf class: written by `python -m course hub`, which rewrites it',
        "at each start (copy it elsewhere to keep changes).",
        "",
        "Each learner's server is course.hub.start: their own copy of the course in",
        "~/learntf-course on first login, then JupyterLab from the Python that has learntf.",
        f"`course grade` there sends results to the service {SERVICE_NAME}; teachers (the",
        f"group {TEACHERS_GROUP}) read them at /services/{SERVICE_NAME}/.",
        '"""',
        "",
        "c = get_config()  # noqa: F821 (JupyterHub provides it)",
        f"HERE = {s['dir']!r}",
        "",
        "# where the hub listens, and its own files",
        f"c.JupyterHub.bind_url = 'http://{s['ip']}:{s['port']}'",
        f"c.JupyterHub.hub_bind_url = 'http://127.0.0.1:{s['hub_port']}'",
        "c.JupyterHub.db_url = 'sqlite:///' + HERE + '/jupyterhub.sqlite'",
        "c.JupyterHub.cookie_secret_file = HERE + '/jupyterhub_cookie_secret'",
        "# the proxy: configurable-http-proxy from npm, in the course's .hub-node/",
        f"c.ConfigurableHTTPProxy.command = [{s['proxy']!r}]",
        f"c.ConfigurableHTTPProxy.api_url = 'http://127.0.0.1:{s['proxy_api_port']}'",
        "c.ConfigurableHTTPProxy.pid_file = HERE + '/proxy.pid'",
        "",
        "# who logs in",
    ]
    if s["auth"] == "dummy":
        lines += [
            "# DUMMY: anyone logs in as anyone. For trying out and tests only.",
            "c.JupyterHub.authenticator_class = 'dummy'",
        ]
    elif s["auth"] == "shared-password":
        lines += [
            "# one class password (from $LEARNTF_HUB_PASSWORD); anyone with it may log in as",
            "# any allowed name: fine for a class session, not for secrets",
            "import os",
            "c.JupyterHub.authenticator_class = 'shared-password'",
            f"c.SharedPasswordAuthenticator.user_password = os.environ[{PASSWORD_VARIABLE!r}]",
        ]
    else:
        lines += ["# the machine's own accounts (PAM)", "c.JupyterHub.authenticator_class = 'pam'"]
    if allowed:
        listed = ", ".join(repr(name) for name in allowed)  # sorted: a readable class list
        lines.append(f"c.Authenticator.allowed_users = {{{listed}}}  # the class list")
    else:
        lines.append("c.Authenticator.allow_all = True  # no class list: every account may log in")
    lines += [
        f"c.JupyterHub.load_groups = {{{TEACHERS_GROUP!r}: {{'users': {s['teachers']!r}}}}}",
        "# every user may reach the class service (it lets only teachers see the class), and the",
        "# learner's server token may too, so that `course grade` can send results",
        "c.JupyterHub.load_roles = [",
        f"    {{'name': 'user', 'scopes': ['self', 'access:services!service={SERVICE_NAME}']}},",
        "]",
        "c.Spawner.server_token_scopes = [",
        "    'users:activity!user',",
        "    'access:servers!server',",
        f"    'access:services!service={SERVICE_NAME}',",
        "]",
        "",
        "# each learner's server: their copy of the course, then JupyterLab",
    ]
    if s["spawner"] == "simple":
        lines += [
            "# no system accounts: every server runs as the hub's own user, home HERE/users/NAME",
            "# (learners are kept apart by the hub's URLs and tokens, not by file permissions)",
            "c.JupyterHub.spawner_class = 'simple'",
            "c.SimpleLocalProcessSpawner.home_dir_template = HERE + '/users/{username}'",
        ]
        if s["as_root"]:
            lines.append("c.Spawner.args = ['--ServerApp.allow_root=True']  # the hub runs as root")
    else:
        lines += [
            "# each learner's server runs as their own system account (the hub runs as root)",
            "c.JupyterHub.spawner_class = 'localprocess'",
        ]
    environment = {
        "PATH": s["path"],  # this Python's scripts first, and Graphviz's dot
        "LEARNTF_HUB_SOURCE": s["source"],
        "LEARNTF_CLASS_URL": service_url,  # the service, directly (course/hub/share.py)
    }
    service_environment = {}
    if s["pythonpath"]:  # a checkout used without installing it (the tests do)
        environment["PYTHONPATH"] = service_environment["PYTHONPATH"] = s["pythonpath"]
    lines += [
        f"c.Spawner.cmd = [{s['python']!r}, '-m', 'course.hub.start']",
        f"c.Spawner.environment = {environment!r}",
        "c.Spawner.default_url = '/lab'",
        "c.Spawner.start_timeout = 120",
        "c.Spawner.http_timeout = 120",
        "",
        "# the class service: results in, the teacher's page out (course/hub/service.py)",
        "c.JupyterHub.services = [",
        "    {",
        f"        'name': {SERVICE_NAME!r},",
        f"        'url': {service_url!r},",
        f"        'command': [{s['python']!r}, '-m', 'course.hub.service',",
        "                    '--db', HERE + '/class.sqlite'],",
        "        'oauth_no_confirm': True,",
        "        'display': True,",
        f"        'environment': {service_environment!r},",
        "    }",
        "]",
        "",
    ]
    return "\n".join(lines)


def write_config(args) -> Path:
    s = settings(args)
    folder = Path(s["dir"])
    folder.mkdir(parents=True, exist_ok=True)
    os.chmod(folder, 0o700)  # the hub's database, cookie secret and the class store
    target = folder / "jupyterhub_config.py"
    target.write_text(config_text(s), encoding="utf-8")
    return target
