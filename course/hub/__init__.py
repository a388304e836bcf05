"""The course for a whole class on one JupyterHub (issue 24).

    command.py  `python -m course hub`: writes the configuration, starts the hub
    config.py   the jupyterhub_config.py for a class (logins, spawner, roles, the service)
    start.py    what the hub runs for each learner: their own copy of the course, then JupyterLab
    share.py    `course grade` on the hub sends its result to the class service (the learner's
                consent: they see what is sent, and `--no-share` keeps a grade to themselves)
    service.py  the hub service `learntf-class`: receives results, the teacher's view, CSV
    store.py    the class store: SQLite in WAL mode, one row per graded attempt

JupyterHub does the rest: logins (its own authenticators), one server per learner (its spawners),
the proxy (configurable-http-proxy, installed by scripts/ensure-hub-proxy.sh).
"""

SERVICE_NAME = "learntf-class"
TEACHERS_GROUP = "teachers"
COPY_FOLDER = "learntf-course"  # the learner's copy of the course, in their home folder
