"""Options shared by several commands."""

from __future__ import annotations

from typing import Annotated

import typer

from ..errors import UsageError
from ..nlp.pipeline import MODES


def _check_mode(value: str) -> str:
    if value not in MODES:
        raise UsageError(f"unknown mode {value!r} (choose from {', '.join(MODES)})")
    return value


ModeOption = Annotated[str, typer.Option(
    "--mode", callback=_check_mode,
    help="Extraction mode: model (learned tagger + rules), ensemble (six taggers vote; the "
         "most accurate, about 2.6 times as slow), accurate (the tagger also reads a pretrained "
         "encoder; the \\[transformer] extra) or rules.")]
