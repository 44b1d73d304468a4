"""How the caller is addressed, and who they are."""

from __future__ import annotations

from agent_desktop.assist.people import guess_name, guess_tags

from .conftest import conversation


def test_surname_from_the_caller_title_from_the_operator():
    name, gender = guess_name(conversation(("caller", "我姓陈"), ("operator", "好的陈先生")))
    assert name.value == "陈先生" and gender.value == "male"
    assert {e.speaker for e in name.evidence} == {"caller", "operator"}


def test_the_operators_address_alone():
    name, gender = guess_name(conversation(("operator", "王阿姨您好，您慢慢说")))
    assert name.value == "王阿姨" and gender.value == "female"


def test_a_person_the_caller_speaks_of_is_not_the_caller():
    name, _ = guess_name(conversation(("caller", "我找过物业的张师傅，他不管")))
    assert name is None


def test_a_surname_without_gender_says_so():
    name, gender = guess_name(conversation(("caller", "免贵姓王")))
    assert name.value == "王先生/女士" and gender is None


def test_elderly_and_foreign_callers():
    tags, language = guess_tags(conversation(("caller", "我今年八十多了，腿脚不好")))
    assert tags.value == ["老年人"] and language is None
    tags, language = guess_tags(conversation(
        ("caller", "Hello, I live in Changning and the bar downstairs is very loud every "
                   "night, can you help me")))
    assert "外籍人士" in tags.value and language.value == "en"
    tags, language = guess_tags(conversation(("caller", "我是日本人，中文不太好")))
    assert "外籍人士" in tags.value and language.value == "ja"


def test_the_language_the_recogniser_heard_tags_the_caller():
    from agent_desktop.assist.conversation import Conversation
    from agent_desktop.speech.transcript import Segment

    c = Conversation()
    c.add(Segment("caller", 0, 2, "Bonjour, je voudrais signaler un problème", True, 0.8,
                  "s0", language="fr"))
    tags, language = guess_tags(c)
    assert language.value == "fr" and "外籍人士" in tags.value


def test_an_old_person_the_caller_speaks_of_does_not_make_the_caller_elderly():
    tags, _ = guess_tags(conversation(("caller", "我妈七十多了，关在电梯里"),
                                      ("caller", "旁边一个老太太差点摔倒")))
    assert tags is None
    tags, _ = guess_tags(conversation(("operator", "阿婆您慢慢讲"), ("caller", "好好")))
    assert tags.value == ["老年人"]
