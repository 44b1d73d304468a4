"""Closed vocabularies of the hotline: roles, appeal types, channels, urgency, statuses.

Values are stable English identifiers (they travel over the API and live in databases);
`LABELS_ZH` gives the Chinese term an operator sees. UI code translates through Qt, the
server and CLI use these labels directly.
"""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    OPERATOR = "operator"
    LEAD = "lead"
    TRAINER = "trainer"
    ADMIN = "admin"


class AppealType(StrEnum):
    CONSULTATION = "consultation"  # 咨询
    HELP = "help"  # 求助
    COMPLAINT = "complaint"  # 投诉
    REPORT = "report"  # 举报
    SUGGESTION = "suggestion"  # 建议
    PRAISE = "praise"  # 表扬


class Channel(StrEnum):
    PHONE = "phone"  # 电话
    MINI_PROGRAM = "mini_program"  # 小程序
    APP = "app"  # APP
    WEBSITE = "website"  # 网站
    OFFICIAL_ACCOUNT = "official_account"  # 公众号


class Urgency(StrEnum):
    NORMAL = "normal"  # 一般
    URGENT = "urgent"  # 紧急
    CRITICAL = "critical"  # 特急


class HandlingMode(StrEnum):
    DIRECT = "direct"  # answered at intake (直接办结)
    DISPATCH = "dispatch"  # dispatched to a department (派单)


class WorkOrderStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"
    DISPATCHED = "dispatched"
    SIGNED = "signed"  # 签收
    IN_PROGRESS = "in_progress"
    REPLIED = "replied"  # 办结反馈
    FOLLOW_UP = "follow_up"  # 回访
    CLOSED = "closed"
    RETURNED = "returned"  # 退回


class DepartmentLevel(StrEnum):
    CITY = "city"
    DISTRICT = "district"
    STREET = "street"  # 街道/镇/乡 office


class RoutingMode(StrEnum):
    """Where a matter's default department sits, relative to the place of the appeal."""

    CITY = "city"  # a city bureau, wherever the place is
    DISTRICT = "district"  # the district bureau of the place's district
    STREET = "street"  # the street/town office of the place (属地)


LABELS_ZH: dict[StrEnum, str] = {
    Role.OPERATOR: "话务员",
    Role.LEAD: "班组长",
    Role.TRAINER: "培训师",
    Role.ADMIN: "管理员",
    AppealType.CONSULTATION: "咨询",
    AppealType.HELP: "求助",
    AppealType.COMPLAINT: "投诉",
    AppealType.REPORT: "举报",
    AppealType.SUGGESTION: "建议",
    AppealType.PRAISE: "表扬",
    Channel.PHONE: "电话",
    Channel.MINI_PROGRAM: "小程序",
    Channel.APP: "APP",
    Channel.WEBSITE: "网站",
    Channel.OFFICIAL_ACCOUNT: "公众号",
    Urgency.NORMAL: "一般",
    Urgency.URGENT: "紧急",
    Urgency.CRITICAL: "特急",
    HandlingMode.DIRECT: "直接办结",
    HandlingMode.DISPATCH: "派单",
    WorkOrderStatus.DRAFT: "草稿",
    WorkOrderStatus.SUBMITTED: "已提交",
    WorkOrderStatus.DISPATCHED: "已派单",
    WorkOrderStatus.SIGNED: "已签收",
    WorkOrderStatus.IN_PROGRESS: "办理中",
    WorkOrderStatus.REPLIED: "已办结反馈",
    WorkOrderStatus.FOLLOW_UP: "回访中",
    WorkOrderStatus.CLOSED: "已关闭",
    WorkOrderStatus.RETURNED: "已退回",
}


def label_zh(value: StrEnum) -> str:
    return LABELS_ZH.get(value, str(value))
