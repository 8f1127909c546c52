"""The author texts of a scenario that are Markdown, each with where it is written."""
from __future__ import annotations

from dataclasses import dataclass

from quizzes.scenario.model import Scenario


@dataclass(frozen=True)
class ScenarioText:
    """One Markdown text of a scenario: a label naming its place, the text, its line."""

    label: str
    text: str
    line: int


def markdown_texts(scenario: Scenario) -> tuple[ScenarioText, ...]:
    """Return the summary, node texts and choice feedback (the Markdown of a scenario)."""
    texts = []
    if scenario.summary:
        texts.append(ScenarioText("Kịch bản, tóm tắt", scenario.summary,
                                  scenario.line_of("summary")))
    for node in scenario.nodes:
        if node.text:
            texts.append(ScenarioText(f"Nút '{node.id}'", node.text, node.line))
        for position, choice in enumerate(node.choices, start=1):
            if choice.feedback:
                texts.append(ScenarioText(f"Nút '{node.id}', lựa chọn {position}, phản hồi",
                                          choice.feedback, choice.line))
    return tuple(texts)
