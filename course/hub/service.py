"""The hub service `learntf-class`: learners' servers send grades here; teachers read them.

JupyterHub starts it (a managed service, config.py) with its own API token and URL in the
environment. Routes, under the service's prefix (/services/learntf-class/):

    POST api/attempts   a learner's server sends one graded attempt, authenticated with the
                        server's API token ($JUPYTERHUB_API_TOKEN): the hub says whose token it
                        is, and the row is stored under that name (a learner cannot write for
                        another). 201 with the row id; 400 for a malformed attempt; 403 without
                        a valid token.
    GET  ""             the teacher's view: learners x units, the most shown hints (HTML)
    GET  class.csv      every attempt, one line per question
                        Both only for members of the hub group `teachers` (403 for others); a
                        browser logs in through the hub (OAuth).

Run `python -m course.hub.service --db PATH` (the hub does, with its environment).
"""

from __future__ import annotations

import argparse
import html
import json
import os
import time
from urllib.parse import urlparse

from jupyterhub.services.auth import HubOAuthCallbackHandler, HubOAuthenticated
from tornado import ioloop, web

from course.hub import SERVICE_NAME, TEACHERS_GROUP
from course.hub.store import STUCK_AFTER, InvalidAttempt, Store


class Handler(HubOAuthenticated, web.RequestHandler):
    """Who is asking: the hub's answer for the token or login cookie (HubOAuth, which also
    checks the token may access this service), or in tests the app's `identify(handler)`
    setting. A dict with `name` and `groups`, or None."""

    def get_current_user(self):
        identify = self.settings.get("identify")
        if identify is not None:
            return identify(self)
        return super().get_current_user()

    def check_xsrf_cookie(self):
        pass  # the API takes tokens, not cookies; the pages only read

    def teacher(self) -> dict:
        user = self.current_user
        if user is None:
            if self.request.headers.get("Authorization"):
                raise web.HTTPError(403, "this token is not valid on the hub")
            if self.settings.get("identify") is not None:
                raise web.HTTPError(403, "log in to the hub first")
            self.redirect(self.get_login_url())  # the hub's login, then back here (OAuth)
            raise web.Finish()
        if TEACHERS_GROUP not in (user.get("groups") or []):
            raise web.HTTPError(403, f"only the hub group '{TEACHERS_GROUP}' sees the class")
        return user

    def write_error(self, status_code, **kwargs):
        reason = self._reason
        error = kwargs.get("exc_info", (None, None))[1]
        if isinstance(error, web.HTTPError) and error.log_message:
            reason = error.log_message
        self.set_header("Content-Type", "text/plain; charset=utf-8")
        self.finish(f"{status_code}: {reason}\n")


class Attempts(Handler):
    def post(self):
        # A token, never a login cookie: another site cannot make a browser post for its user.
        token = self.request.headers.get("Authorization", "").startswith(("token ", "Bearer "))
        user = self.current_user if token else None
        if user is None or user.get("kind", "user") != "user":
            raise web.HTTPError(403, "send the learner's server token (JUPYTERHUB_API_TOKEN)")
        try:
            attempt = json.loads(self.request.body or b"null")
            row = self.settings["store"].record(user["name"], attempt)
        except (ValueError, InvalidAttempt) as problem:
            raise web.HTTPError(400, str(problem)) from None
        self.set_status(201)
        self.finish({"id": row, "learner": user["name"]})


class ClassCsv(Handler):
    def get(self):
        self.teacher()
        self.set_header("Content-Type", "text/csv; charset=utf-8")
        self.set_header("Content-Disposition", 'attachment; filename="learntf-class.csv"')
        self.finish(self.settings["store"].csv_text())


class Page(Handler):
    def get(self):
        self.teacher()
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.finish(page(self.settings["store"]))


def cell(entry: dict | None) -> str:
    if entry is None:
        return '<td class="none">·</td>'
    if entry["done"]:
        word = "done"
    elif entry["stuck"]:
        word = "stuck"
    else:
        word = "attempted" if entry["answered"] else "not started"
    return (
        f'<td class="{word.replace(" ", "-")}" title="{entry["attempts"]} attempt(s)">'
        f"{entry['passed']}/{entry['total']} {word}</td>"
    )


def page(store: Store) -> str:
    """The teacher's view, as one HTML page (no scripts)."""
    progress = store.progress()
    learners = sorted({learner for learner, _ in progress})
    units = sorted({unit for _, unit in progress})
    head = "".join(f"<th>{unit:02d}</th>" for unit in units)
    rows = "".join(
        f'<tr class="learner" data-learner="{html.escape(name)}"><th>{html.escape(name)}</th>'
        + "".join(cell(progress.get((name, unit))) for unit in units)
        + "</tr>"
        for name in learners
    )
    hints = "".join(
        f"<tr><td>{unit:02d}</td><td>q{question}</td><td>{count}</td>"
        f"<td>{html.escape(hint)}</td></tr>"
        for (unit, question), shown in store.common_hints().items()
        for hint, count in shown
    )
    stamp = time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime())
    return f"""<!doctype html>
<html><head><meta charset="utf-8"><title>learntf class</title>
<style>body{{font-family:sans-serif;margin:2em}}td,th{{padding:.2em .6em;border:1px solid #ccc}}
table{{border-collapse:collapse;margin-bottom:2em}}.done{{background:#d4f4d4}}
.stuck{{background:#f8d0d0}}.attempted{{background:#fff3c4}}</style></head>
<body><h1>The class</h1>
<p>Each learner's latest grade per unit: questions passed / counted (optional ones left out).
<b>attempted</b>: some answered; <b>not started</b>: graded with every answer blank;
<b>stuck</b>: {STUCK_AFTER} or more attempts and still not all passed.
Updated {stamp}; reload for news.
<a href="class.csv">Download every attempt (CSV)</a>.</p>
<table id="progress"><tr><th>learner</th>{head}</tr>{rows}</table>
<h2>Hints shown most often</h2>
<p>What to re-teach: the hints failed checks showed, per question.</p>
<table id="hints"><tr><th>unit</th><th>question</th><th>attempts</th><th>hint</th></tr>
{hints}</table>
</body></html>"""


def application(store: Store, prefix: str = "/", **settings) -> web.Application:
    prefix = prefix if prefix.endswith("/") else prefix + "/"
    routes = [
        (prefix + "api/attempts", Attempts),
        (prefix + "class.csv", ClassCsv),
        (prefix, Page),
        (prefix.rstrip("/"), web.RedirectHandler, {"url": prefix}),
    ]
    if settings.get("identify") is None:
        routes.insert(0, (prefix + "oauth_callback", HubOAuthCallbackHandler))
    return web.Application(routes, store=store, **settings)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m course.hub.service", description=__doc__)
    parser.add_argument("--db", required=True, help="the class store (SQLite file)")
    args = parser.parse_args(argv)
    url = urlparse(os.environ["JUPYTERHUB_SERVICE_URL"])
    prefix = os.environ.get("JUPYTERHUB_SERVICE_PREFIX", f"/services/{SERVICE_NAME}/")
    app = application(Store(args.db), prefix, cookie_secret=os.urandom(32))
    app.listen(url.port, url.hostname)
    print(f"learntf-class: store {args.db}, listening on {url.hostname}:{url.port}", flush=True)
    ioloop.IOLoop.current().start()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
