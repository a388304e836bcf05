"""Where a check's result goes when `python -m course grade` runs a notebook.

The grader (course.notebooks.execute_for_grading) sets LEARNTF_CHECK_RESULTS to a fresh file
before it starts the kernel; each check (course.checks) appends one JSON line to it:
{"module": "course.checks.unit03", "question": 2, "status": "passed" | "failed", "hint": ...}.
Outside grading the variable is unset and nothing is written. The checks themselves never read
files; this module only appends.
"""

import json
import os

RESULTS_FILE_VARIABLE = "LEARNTF_CHECK_RESULTS"


def record_for_grading(module, question_id, status, hint=""):
    path = os.environ.get(RESULTS_FILE_VARIABLE)
    if not path:
        return
    line = {"module": module, "question": question_id, "status": status, "hint": hint}
    with open(path, "a", encoding="utf-8") as results_file:
        results_file.write(json.dumps(line) + "\n")
