"""Moodle GIFT import and export for the question bank."""
from __future__ import annotations

from quizzes.gift.parser import GiftError, GiftItem, GiftResult, parse_gift
from quizzes.gift.writer import GiftExport, SkippedQuestion, write_gift

__all__ = ["GiftError", "GiftExport", "GiftItem", "GiftResult", "SkippedQuestion",
           "parse_gift", "write_gift"]
