"""The one error type of content files: a Vietnamese message at a file and line."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class ContentError:
    """A problem a person made in a content file; ``path`` is relative to the content root.

    ``line`` is 1-based; 0 means the whole file or folder (for example a missing file).
    """

    path: str
    line: int
    message: str

    def __str__(self) -> str:
        if self.line <= 0:
            return f"{self.path}: {self.message}"
        return f"{self.path}:{self.line}: {self.message}"
