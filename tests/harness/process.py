"""The real bot as a subprocess pointed at the emulator: start, wait until it polls, stop,
or `kill -9` it for the crash tests. Its output goes to a file the test can read on failure.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import IO

from .emulator import Telegram


def default_command() -> list[str]:
    """`digestbot run` from the same virtualenv as the tests."""
    script = Path(sys.executable).with_name("digestbot")
    if script.exists():
        return [str(script), "run"]
    return [sys.executable, "-c", "from bot.cli import main; main()", "run"]


class BotProcess:
    def __init__(
        self,
        telegram: Telegram,
        workdir: Path,
        *,
        command: list[str] | None = None,
        env: dict[str, str] | None = None,
    ) -> None:
        self.telegram = telegram
        self.workdir = workdir
        self.command = command or default_command()
        self.env = telegram.bot_env(**(env or {}))
        self.output_path = workdir / "bot-output.log"
        self.process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None

    def start(self) -> BotProcess:
        self._output = self.output_path.open("ab")
        self.process = subprocess.Popen(
            self.command,
            cwd=self.workdir,
            env=self.env,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    async def wait_polling(self, timeout: float = 20.0) -> None:
        """Until the bot has made its first getUpdates (it is then ready for readers)."""
        seen = len(self.telegram.log.snapshot("getUpdates"))

        def polling() -> bool:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"bot exited with {self.process.returncode}:\n{self.output}")
            return len(self.telegram.log.snapshot("getUpdates")) > seen

        await self.telegram.wait_for(polling, timeout, interval=0.05)

    @property
    def output(self) -> str:
        if not self.output_path.exists():
            return ""
        return self.output_path.read_text(encoding="utf-8", errors="replace")

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def stop(self, timeout: float = 10.0) -> int | None:
        """SIGTERM (PTB shuts down cleanly), then SIGKILL if it lingers."""
        if self.process is None:
            return None
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self._close()
        return self.process.returncode

    def kill(self) -> None:
        """`kill -9` of the bot's whole process group: nothing gets to clean up."""
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)
        self._close()

    def _close(self) -> None:
        if self._output is not None:
            self._output.close()
            self._output = None
