"""What a use-case hands back: messages in Telegram HTML and the buttons under the last one.

Plain data, so the bot, the CLI and the tests read the same answer.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    callback_data: str | None = None
    url: str | None = None


@dataclass(frozen=True, slots=True)
class ReplyFile:
    """A document sent after the messages (an OPML export, say)."""

    name: str
    data: bytes


@dataclass(frozen=True, slots=True)
class Reply:
    messages: list[str]
    buttons: list[list[Button]] = field(default_factory=list)
    # A button press answered by editing the message it sits on, not by a new one.
    edit: bool = False
    files: list[ReplyFile] = field(default_factory=list)

    @classmethod
    def text(cls, message: str, buttons: list[list[Button]] | None = None) -> Reply:
        return cls([message], buttons or [])
