"""Closed vocabularies of the hotline: roles, appeal types, channels, urgency, statuses,
work-order actions, follow-up satisfaction, agent states.

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
    DEPARTMENT = "department"  # a handler of one department (承办部门), bound to its code


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


class WorkOrderAction(StrEnum):
    """What can happen to a work order; each is one entry of its history."""

    CREATE = "create"  # 受理
    DISPATCH = "dispatch"  # 派单
    SIGN = "sign"  # 签收
    START = "start"  # 开始办理
    REPLY = "reply"  # 办结反馈
    RETURN = "return"  # 退回
    REQUEST_EXTENSION = "request_extension"  # 申请延期
    APPROVE_EXTENSION = "approve_extension"  # 批准延期
    REJECT_EXTENSION = "reject_extension"  # 驳回延期
    SUPERVISE = "supervise"  # 督办
    FOLLOW_UP = "follow_up"  # 回访
    CLOSE = "close"  # 关闭（办结）


class Satisfaction(StrEnum):
    """The caller's verdict at the follow-up call (回访满意度)."""

    SATISFIED = "satisfied"  # 满意
    BASICALLY_SATISFIED = "basically_satisfied"  # 基本满意
    DISSATISFIED = "dissatisfied"  # 不满意


class ExtensionStatus(StrEnum):
    PENDING = "pending"  # 待审批
    APPROVED = "approved"  # 已批准
    REJECTED = "rejected"  # 已驳回
    WITHDRAWN = "withdrawn"  # 已撤回 (the order was returned while the request was pending)


class AgentState(StrEnum):
    """An operator's telephony state, as the softphone reports it."""

    READY = "ready"  # 示闲
    NOT_READY = "not_ready"  # 示忙 (with a reason)
    ON_CALL = "on_call"  # 通话中
    WRAP_UP = "wrap_up"  # 话后处理
    OFFLINE = "offline"  # 离线 (signed out, or never reported)


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
    Role.DEPARTMENT: "承办部门",
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
    WorkOrderAction.CREATE: "受理",
    WorkOrderAction.DISPATCH: "派单",
    WorkOrderAction.SIGN: "签收",
    WorkOrderAction.START: "开始办理",
    WorkOrderAction.REPLY: "办结反馈",
    WorkOrderAction.RETURN: "退回",
    WorkOrderAction.REQUEST_EXTENSION: "申请延期",
    WorkOrderAction.APPROVE_EXTENSION: "批准延期",
    WorkOrderAction.REJECT_EXTENSION: "驳回延期",
    WorkOrderAction.SUPERVISE: "督办",
    WorkOrderAction.FOLLOW_UP: "回访",
    WorkOrderAction.CLOSE: "办结关闭",
    Satisfaction.SATISFIED: "满意",
    Satisfaction.BASICALLY_SATISFIED: "基本满意",
    Satisfaction.DISSATISFIED: "不满意",
    ExtensionStatus.PENDING: "待审批",
    ExtensionStatus.APPROVED: "已批准",
    ExtensionStatus.REJECTED: "已驳回",
    ExtensionStatus.WITHDRAWN: "已撤回",
    AgentState.READY: "示闲",
    AgentState.NOT_READY: "示忙",
    AgentState.ON_CALL: "通话中",
    AgentState.WRAP_UP: "话后处理",
    AgentState.OFFLINE: "离线",
}


def label_zh(value: StrEnum) -> str:
    return LABELS_ZH.get(value, str(value))
