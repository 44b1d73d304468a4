"""Take the team lead's board screenshot: the real app on a real X display.

    Xvfb :98 -screen 0 1920x1080x24 -nolisten tcp &
    DISPLAY=:98 python scripts/screenshot_board.py docs/screenshot-board.png [--wallboard | --qa]

It starts the app as `agent-desktop board` would (embedded demo server, signed in as the
demo lead, Chinese UI), has the demo operator and department act through the REST API —
a state, urgent orders near their deadline, an extension request, a burst of orders in
one street that tips a hot topic — and grabs the screen once the board shows them.
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path

from shots import run_scene  # scripts/ is on sys.path when a script runs

import httpx

DEPARTMENT = "310104-CONSTRUCTION"


def order(matter: str, content: str, urgency: str = "critical", street: str | None = None,
          district: str = "310104") -> dict:
    place = {"district_code": district, "address": "徐汇区漕溪北路"}
    if street:
        place["street_code"] = street
    return {"appeal_type": "complaint", "urgency": urgency,
            "caller": {"name": "刘先生", "gender": "male", "phones": ["13900001111"]},
            "matter_code": matter, "content": content, "request": "尽快处置",
            "place": place, "handling": "dispatch", "department_code": DEPARTMENT}


def act_as(url: str, username: str) -> httpx.Client:
    token = httpx.post(f"{url}/api/v1/auth/token", timeout=15, json={
        "username": username, "password": f"{username}-demo"}).json()["access_token"]
    return httpx.Client(base_url=url, timeout=15, headers={"Authorization": f"Bearer {token}"})


def stage(url: str) -> None:
    """What happens on the hotline before the shot (blocking; run off the Qt thread)."""
    with act_as(url, "operator1") as op, act_as(url, "dept1") as dept, \
            act_as(url, "lead1") as lead:
        lead.put("/api/v1/agents/me/state", json={"state": "ready"})
        op.put("/api/v1/agents/me/state", json={"state": "not_ready", "reason": "小休"})
        orders = [op.post("/api/v1/work-orders", json=order(m, c)).json() for m, c in (
            ("0101010103", "漕溪北路人行道塌陷约一米见方，已有行人绊倒。"),
            ("0101020101", "小区门口窨井盖缺失，夜间无照明，十分危险。"),
            ("0101030103", "路灯杆倾斜严重，随时可能倒下。"))]
        first = orders[0]["id"]
        dept.post(f"/api/v1/work-orders/{first}/actions/sign", json={})
        dept.post(f"/api/v1/work-orders/{first}/actions/request_extension",
                  json={"reason": "需协调施工队，材料明日到场", "extra_working_days": 2})
        for text in ("下立交积水很深，车辆熄火。", "下立交积水没过膝盖，公交改道。",
                     "下立交积水，行人无法通行。", "下立交积水已有两小时无人处理。",
                     "下立交积水，要求立即抽水。"):
            op.post("/api/v1/work-orders",
                    json=order("0101010202", text, street="310104003"))
        op.put("/api/v1/agents/me/state", json={"state": "on_call"})
        # the operator's call in progress, followed by text on the board
        call = "demo-20261205-0001"
        op.put(f"/api/v1/calls/{call}", json={"state": "talking", "caller": "13916728845"})
        for i, (speaker, text) in enumerate((
                ("operator", "您好，12345市民服务热线，请问有什么可以帮您？"),
                ("caller", "我们小区门口的下立交又积水了，公交车都开不过去。"),
                ("operator", "请问具体是在哪个位置？"),
                ("caller", "天平路这边的下立交，再没人管我就要找媒体曝光了。"))):
            op.post(f"/api/v1/calls/{call}/segments",
                    json={"speaker": speaker, "text": text, "start": 4 * i, "end": 4 * i + 3})
        # an earlier call, finished, with its order: for QA (质检)
        done = "demo-20261205-0000"
        op.put(f"/api/v1/calls/{done}", json={"state": "talking", "caller": "13900001111"})
        for i, (speaker, text) in enumerate((
                ("operator", "您好，12345市民服务热线，请问有什么可以帮您？"),
                ("caller", "漕溪北路的人行道塌了一块，有人绊倒了。"),
                ("operator", "请问具体在什么位置？"),
                ("caller", "漕溪北路88号门口。"),
                ("operator", "您的电话是幺三九零零零零幺幺幺幺，对吗？"),
                ("caller", "对的。"),
                ("operator", "好的，已为您登记，感谢您的来电，再见。"))):
            op.post(f"/api/v1/calls/{done}/segments",
                    json={"speaker": speaker, "text": text, "start": 4 * i, "end": 4 * i + 3})
        op.post("/api/v1/work-orders", json={**order(
            "0101010103", "来电人反映漕溪北路88号门口人行道塌陷约一米见方，已有行人绊倒。"),
            "call_id": done, "urgency": "urgent"})
        op.put(f"/api/v1/calls/{done}", json={"state": "ended"})


def main() -> int:
    out = Path(next((a for a in sys.argv[1:] if not a.startswith("--")),
                    "docs/screenshot-board.png"))
    wallboard = "--wallboard" in sys.argv
    qa = "--qa" in sys.argv  # the QA window on a finished call instead

    async def scene(ws, app, grab) -> None:
        await ws.start()
        if not wallboard:  # Xvfb has no window manager to maximise it
            ws.window.setGeometry(app.primaryScreen().availableGeometry())
        ws.window.show()
        await ws.until_ready()
        await asyncio.to_thread(stage, ws.session.client.base_url)
        board = ws.window
        for _ in range(100):
            if board.topics.list.count() and ws.board_model.tiles().extensions_waiting:
                break
            await asyncio.sleep(0.1)
        await asyncio.sleep(1.5)
        if qa:
            window = ws.open_qa(reviewer=True)
            window.setGeometry(app.primaryScreen().availableGeometry())
            await asyncio.sleep(1.0)
            await window.open_call("demo-20261205-0000")
            await asyncio.sleep(1.0)
        grab(out)

    run_scene(scene, board=True, wallboard=wallboard)
    print(out)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
