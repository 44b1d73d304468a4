"""Translatable display names of the domain's enums (English source, Chinese through
Qt's translation system), for every widget that shows them."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import QCoreApplication, QT_TRANSLATE_NOOP

from agent_desktop.domain import AppealType, Role, WorkOrderStatus

_NAMES: dict[StrEnum, str] = {
    AppealType.CONSULTATION: QT_TRANSLATE_NOOP("Labels", "Consultation"),
    AppealType.HELP: QT_TRANSLATE_NOOP("Labels", "Request for help"),
    AppealType.COMPLAINT: QT_TRANSLATE_NOOP("Labels", "Complaint"),
    AppealType.REPORT: QT_TRANSLATE_NOOP("Labels", "Report"),
    AppealType.SUGGESTION: QT_TRANSLATE_NOOP("Labels", "Suggestion"),
    AppealType.PRAISE: QT_TRANSLATE_NOOP("Labels", "Praise"),
    Role.OPERATOR: QT_TRANSLATE_NOOP("Labels", "Operator"),
    Role.LEAD: QT_TRANSLATE_NOOP("Labels", "Team lead"),
    Role.TRAINER: QT_TRANSLATE_NOOP("Labels", "Trainer"),
    Role.ADMIN: QT_TRANSLATE_NOOP("Labels", "Administrator"),
    WorkOrderStatus.DRAFT: QT_TRANSLATE_NOOP("Labels", "Draft"),
    WorkOrderStatus.SUBMITTED: QT_TRANSLATE_NOOP("Labels", "Submitted"),
    WorkOrderStatus.DISPATCHED: QT_TRANSLATE_NOOP("Labels", "Dispatched"),
    WorkOrderStatus.SIGNED: QT_TRANSLATE_NOOP("Labels", "Signed for"),
    WorkOrderStatus.IN_PROGRESS: QT_TRANSLATE_NOOP("Labels", "In progress"),
    WorkOrderStatus.REPLIED: QT_TRANSLATE_NOOP("Labels", "Replied"),
    WorkOrderStatus.FOLLOW_UP: QT_TRANSLATE_NOOP("Labels", "Follow-up"),
    WorkOrderStatus.CLOSED: QT_TRANSLATE_NOOP("Labels", "Closed"),
    WorkOrderStatus.RETURNED: QT_TRANSLATE_NOOP("Labels", "Returned"),
}


def label(value: StrEnum | str) -> str:
    source = _NAMES.get(value)  # type: ignore[arg-type]
    return QCoreApplication.translate("Labels", source) if source else str(value)
