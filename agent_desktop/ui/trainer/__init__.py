"""The trainer's window (培训师): attempts, scores, overrides, progress, scenarios."""

from .window import TrainerWindow

__all__ = ["TrainerWindow"]
