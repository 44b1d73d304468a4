"""Submitting a work order, for the form and for any service (the call assistant, a
training runner) that holds the order as a `WorkOrderModel` rather than widgets.

    submitter = OrderSubmitter(session)
    item = submitter.submit(model, catalog=session.catalog, departments=session.departments)
    # raises OrderInvalid(errors) with {path: Chinese message}; else the order is on disk
    # in the outbox (sent with one Idempotency-Key until the server acknowledges it)

The drafts of an order being written live in `forms.drafts.DraftStore` (autosave, crash
recovery); the form only decides *when* to save (its debounce timers).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from agent_desktop.domain import WorkOrderIn

from .order_model import WorkOrderModel


class OrderInvalid(ValueError):
    """The order cannot be submitted; `errors` maps paths to messages (Chinese)."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("；".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors


class OrderSubmitter:
    def __init__(self, session: Any) -> None:
        self.session = session  # api.session.Session (its outbox)

    def queue(self, order: WorkOrderIn, *, resend_item: int | None = None):
        """Put a valid order in the outbox (a refused one back, corrected, with
        `resend_item`). The order is on disk when this returns."""
        if resend_item is not None:
            return self.session.outbox.resend(resend_item, order.model_dump(mode="json"))
        return self.session.submit(order)

    def submit(self, model: WorkOrderModel, *, catalog=None,
               departments: Iterable[Any] | None = None, now: datetime | None = None):
        """Validate the model's order by the form's rules and queue it."""
        errors = model.errors(catalog, departments, now=now)
        if errors:
            raise OrderInvalid(errors)
        return self.queue(model.to_order())
