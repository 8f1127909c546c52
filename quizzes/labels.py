"""Display labels of quiz and scenario codes, in the UI language."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

GRADING_LABELS = {"highest": _l("highest attempt"), "last": _l("last attempt"),
                  "average": _l("average of attempts")}
ATTEMPT_STATE_LABELS = {"in_progress": _l("In progress"), "submitted": _l("Submitted"),
                        "abandoned": _l("Closed without a grade")}
STATE_LABELS = {"correct": _l("Correct"), "partial": _l("Partly correct"), "wrong": _l("Wrong"),
                "needs_grading": _l("Waiting for grading"), "unanswered": _l("Not answered")}
OUTCOME_LABELS = {"success": _l("Good outcome"), "partial": _l("Partial outcome"),
                  "failure": _l("Bad outcome")}
NODE_KIND_LABELS = {"situation": _l("Situation"), "decision": _l("Decision"),
                    "check": _l("Check question"), "end": _l("End")}
SCORING_LABELS = {"path_sum": _l("sum of the scores along the path"),
                  "end_score": _l("score of the end reached"), "none": _l("not scored")}
OVERDUE_LABELS = {"autosubmit": _l("submit the saved answers"),
                  "discard": _l("close without a grade")}
REVIEW_MOMENT_LABELS = {"during": _l("During the attempt"),
                        "immediately": _l("Right after submitting (2 minutes)"),
                        "later": _l("Later, while the quiz is open"),
                        "after_close": _l("After the quiz closes")}
REVIEW_ITEM_LABELS = {"correctness": _l("Right or wrong"), "marks": _l("Marks"),
                      "feedback": _l("Feedback"), "right_answer": _l("Right answer")}
PLAY_STATE_LABELS = {"in_progress": _l("In progress"), "finished": _l("Finished"),
                     "abandoned": _l("Left unfinished")}


def template_globals() -> dict:
    """Return the label tables templates use."""
    return {name: value for name, value in globals().items() if name.endswith("_LABELS")}
