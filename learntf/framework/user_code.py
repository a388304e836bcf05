"""Find the learner's line of code behind an error raised deep inside learntf."""

import linecache
import os
import sys

_PACKAGE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def user_code_location(skip=1):
    """'File ..., line N, in f' plus the source line, for the nearest caller outside learntf."""
    frame = sys._getframe(skip)
    while frame is not None and os.path.abspath(frame.f_code.co_filename).startswith(_PACKAGE):
        frame = frame.f_back
    if frame is None:
        return ""
    source = linecache.getline(frame.f_code.co_filename, frame.f_lineno).strip()
    return '    File "%s", line %d, in %s\n        %s\n' % (
        frame.f_code.co_filename,
        frame.f_lineno,
        frame.f_code.co_name,
        source,
    )
