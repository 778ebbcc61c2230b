"""A progress bar for management commands, fed by the same reporter calls as the UI's."""

from __future__ import annotations

from typing import Protocol


class Writable(Protocol):
    def write(self, text: str, /) -> object: ...

    def flush(self) -> None: ...


class TerminalProgressBar:
    """Draws `[#####-----]  50%  message` on one line, redrawn only when the percent changes."""

    def __init__(self, stream: Writable, *, width: int = 30) -> None:
        self.stream = stream
        self.width = width
        self.last_percent = -1

    def __call__(self, done: int, total: int, message: str = "") -> None:
        percent = min(100, done * 100 // total) if total else 100
        if percent == self.last_percent:
            return
        self.last_percent = percent
        filled = self.width * percent // 100
        bar = "#" * filled + "-" * (self.width - filled)
        end = "\n" if percent == 100 else ""
        self.stream.write(f"\r[{bar}] {percent:3d}%  {message[:60]:<60}{end}")
        self.stream.flush()
