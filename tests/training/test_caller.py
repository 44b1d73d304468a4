from agent_desktop.training.caller import Caller
from agent_desktop.training.scenarios import load_all


def test_a_good_trainee_gets_the_precise_place_and_the_phone_and_reaches_closing():
    s = load_all()["neighbour-noise-corrects-district"]
    c = Caller(s)
    said = [c.hear(t) for t in (
        "您好，12345热线，请问有什么可以帮您？", "请问是在哪里？", "具体地址是哪个小区几号？",
        "大概从什么时候开始的？", "您贵姓？", "您的联系电话是多少？",
        "跟您核对一下，幺三四七 二九幺八 五三零，对吗？", "处理结果需要回复您吗？",
        "好的，感谢您的来电，再见。")]
    keys = [line.key for line in said]
    assert keys == ["opening", "place_vague", "place_precise", "when", "name", "phone",
                    "confirm_ok", "reply_wanted", "closing"]
    assert "长宁区" in said[2].text and "徐汇" in said[1].text
    assert "幺三四 七二九幺 八五三零" in said[5].text
    assert c.ended and c.hear("喂？") is None


def test_a_wrong_read_back_is_corrected():
    c = Caller(load_all()["gas-smell-quyang"])
    c.hear("您好，12345")
    assert c.hear("您的号码是13817726451对吗").key == "confirm_wrong"


def test_silence_brings_a_repeat_then_impatience_sooner_for_an_angry_caller():
    calm = Caller(load_all()["streetlight-out-tianlin"])
    calm.hear("您好，12345热线")
    assert calm.tick(5) is None
    assert calm.tick(8).key == "repeat_on_silence"
    assert calm.tick(12) is None
    assert calm.tick(20).key == "impatient"
    angry = Caller(load_all()["night-construction-huamu"])
    angry.hear("您好")
    assert angry.tick(5).key == "repeat_on_silence"
    assert angry.tick(12).key == "impatient"
