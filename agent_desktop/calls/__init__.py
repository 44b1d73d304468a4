"""The call's lifecycle as a service: ringing → answered → ended → wrap-up → idle."""

from .service import Call, CallPhase, CallService

__all__ = ["Call", "CallPhase", "CallService"]
