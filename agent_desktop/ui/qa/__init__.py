"""The QA window (质检): a lead evaluates recorded calls; an operator acknowledges."""

from .window import QaWindow

__all__ = ["QaWindow"]
