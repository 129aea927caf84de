"""The REST API under ``/api/v1`` (extra ``[server]``); mounted by :func:`sourcetrace.web.create_app`.

Thin: :mod:`~sourcetrace.api.routes` maps HTTP to
:class:`~sourcetrace.web.data.WebData` calls; :mod:`~sourcetrace.api.models`
holds the pydantic models of its inputs and envelopes.
"""

from __future__ import annotations

from .routes import router

__all__ = ["router"]
