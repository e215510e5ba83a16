"""The "more" button under a page of results."""

from __future__ import annotations

from bot.render.callbacks import encode
from bot.replies import Button
from bot.usecases.reader import Reader


def more_buttons(
    reader: Reader, has_more: bool, action: str, *args: str | int
) -> list[list[Button]]:
    if not has_more:
        return []
    return [[Button(reader.tr("button.more"), callback_data=encode(action, *args))]]
