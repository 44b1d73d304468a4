"""The operator's own work orders: what is still waiting on this PC (the outbox) and what
the server has accepted today, with each order's detail and history, kept current from
the live event stream.

    orders = MyOrders(session)
    orders.changed.connect(refresh_the_list)      # () after any change
    await orders.refresh()                        # today's orders from the server
    orders.queued()                               # outbox items not yet acknowledged
    orders.sent                                   # WorkOrder list, newest first
    await orders.search("20261205000012")         # by 工单编号, or by a caller's phone
    order, history = await orders.detail(order_id)

Plain Python: no Qt. "Today" is the hotline's day (Asia/Shanghai).
"""

from __future__ import annotations

import asyncio
import logging
import re

from agent_desktop.domain import Event, WorkOrder
from agent_desktop.domain.clock import hotline_now
from agent_desktop.domain.models import WorkOrderTransition
from agent_desktop.forms.phone import normalize_phone
from agent_desktop.signals import Signal

from .outbox import FAILED, PENDING, OutboxItem
from .session import WORK_ORDER, Session

log = logging.getLogger(__name__)

ORDER_NUMBER = re.compile(r"^\d{14}$")  # YYYYMMDD + a 6-digit sequence
REFRESH_DELAY_S = 0.5  # events come in bursts (create + dispatch): one refresh for them


class MyOrders:
    def __init__(self, session: Session) -> None:
        self.session = session
        self.sent: list[WorkOrder] = []
        self.changed = Signal()
        self.failed = Signal()  # (str) a refresh could not reach the server
        self._pending_refresh: asyncio.TimerHandle | None = None
        self._unsubscribe = [
            session.event_received.connect(self._on_event),
            session.outbox.item_changed.connect(self._on_outbox),
        ]

    def queued(self) -> list[OutboxItem]:
        """Orders saved on this PC that the server has not acknowledged yet."""
        return [i for i in self.session.outbox.items((PENDING, FAILED)) if i.kind == WORK_ORDER]

    async def refresh(self) -> list[WorkOrder]:
        from .client import ApiError, ServerUnreachable

        today = hotline_now().date().isoformat()
        try:
            self.sent = await self.session.client.work_orders(created_by="me", date_from=today,
                                                             limit=200)
        except (ServerUnreachable, ApiError) as exc:
            self.failed.emit(str(exc))
            return self.sent
        self.changed.emit()
        return self.sent

    async def search(self, text: str) -> list[WorkOrder]:
        """By order number (14 digits) or by one of the caller's phones."""
        text = re.sub(r"[\s-]", "", text or "")
        if not text:
            return []
        if ORDER_NUMBER.match(text):
            return await self.session.client.work_orders(number=text)
        phone = normalize_phone(text)
        if not phone:
            return []
        return await self.session.client.work_orders(caller_phone=phone, limit=50)

    async def detail(self, order_id: int) -> tuple[WorkOrder, list[WorkOrderTransition]]:
        client = self.session.client
        order, history = await asyncio.gather(client.work_order(order_id),
                                              client.work_order_history(order_id))
        return order, history

    def close(self) -> None:
        for unsubscribe in self._unsubscribe:
            unsubscribe()
        if self._pending_refresh is not None:
            self._pending_refresh.cancel()

    # --- keeping current ---------------------------------------------------------------

    def _on_event(self, event: Event) -> None:
        if not event.type.startswith("work_order."):
            return
        data = event.data or {}
        user = self.session.user
        mine = {o.id for o in self.sent}
        if data.get("id") in mine or (user is not None and data.get("created_by") == user.username):
            self._schedule_refresh()

    def _on_outbox(self, item: OutboxItem) -> None:
        self.changed.emit()
        if item.state != PENDING:  # sent (or refused): the server's list has it now
            self._schedule_refresh()

    def _schedule_refresh(self) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if self._pending_refresh is not None:
            self._pending_refresh.cancel()
        self._pending_refresh = loop.call_later(
            REFRESH_DELAY_S, lambda: loop.create_task(self.refresh()))
