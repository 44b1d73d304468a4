"""Pure data of the hotline (pydantic models and enums), shared by client and server."""

from .enums import (
    LABELS_ZH,
    AppealType,
    Channel,
    DepartmentLevel,
    HandlingMode,
    Role,
    RoutingMode,
    Urgency,
    WorkOrderStatus,
    label_zh,
)
from .models import (
    Catalog,
    CatalogNode,
    Caller,
    Department,
    Event,
    KbArticle,
    FieldError,
    Limit,
    Place,
    Problem,
    RoutingRule,
    TimeLimits,
    Token,
    TokenRequest,
    User,
    WorkOrder,
    WorkOrderIn,
)

__all__ = [
    "LABELS_ZH", "AppealType", "Channel", "DepartmentLevel", "HandlingMode", "Role",
    "RoutingMode", "Urgency", "WorkOrderStatus", "label_zh", "Catalog", "CatalogNode",
    "Caller", "Department", "Event", "FieldError", "KbArticle", "Limit", "Place", "Problem",
    "RoutingRule", "TimeLimits", "Token", "TokenRequest", "User", "WorkOrder", "WorkOrderIn",
]
