"""The operator's banner while a lead is on the line (a real Qt widget)."""

from __future__ import annotations

from agent_desktop.telephony.supervision import LeadLineState, SupervisionMode
from agent_desktop.ui.supervision_banner import SupervisionBanner


def test_banner_says_what_the_lead_does(qtbot):
    banner = SupervisionBanner()
    qtbot.addWidget(banner)
    banner.show_state(LeadLineState(SupervisionMode.LISTEN, "王班长", connected=False))
    assert not banner.isHidden()
    assert "listening" in banner.text.text() and "王班长" in banner.text.text()
    assert "connecting" in banner.text.text()
    banner.show_state(LeadLineState(SupervisionMode.WHISPER, "王班长", connected=True))
    assert "whispering" in banner.text.text() and "connecting" not in banner.text.text()
    banner.show_state(LeadLineState(SupervisionMode.BARGE, "王班长", connected=True))
    assert "joined" in banner.text.text()
    banner.show_state(LeadLineState(None, "王班长"))
    assert banner.isHidden()
