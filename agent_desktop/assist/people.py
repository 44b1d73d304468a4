"""Who is calling: how the caller is addressed (陈先生, 王阿姨, 姓李), their gender when the
words tell it, and the groups that change how an order is handled — an elderly caller, a
foreigner (with the language they speak).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .conversation import Conversation, cues
from .draft import Evidence, Guess


@lru_cache(maxsize=1)
def _patterns() -> dict[str, re.Pattern[str]]:
    c = cues()
    surname = "(?:" + "|".join(c["compound_surnames"]) + f"|[{c['surnames']}])"
    titles = "|".join(sorted(c["titles"], key=len, reverse=True))
    return {
        # 我姓陈 / 免贵姓陈 / 姓陈，耳东陈
        "surname": re.compile(rf"(?:我|免贵|本人|就)?姓({surname})(?![\u4e00-\u9fff]?(?:的人|名))"),
        # 我叫陈明 / 我的名字是陈明华
        "full": re.compile(rf"(?:我叫|名字叫|名字是|我是)({surname}[\u4e00-\u9fff]{{1,2}}?)"
                           rf"(?=[，。,.！？\s]|$|啊|呀)"),
        # 陈先生 / 王阿姨 / 李老师
        "titled": re.compile(rf"({surname})({titles})"),
        "bare_title": re.compile(rf"(?:^|[，。,\s])({titles})(?:您好|你好|，|您)"),
    }


def guess_name(conversation: Conversation) -> tuple[Guess | None, Guess | None]:
    """(name, gender) guesses. The operator's way of addressing the caller ("好的陈先生")
    is the best source of a title; the caller's own "我姓陈" of the surname."""
    p = _patterns()
    titles = cues()["titles"]
    surname: tuple[str, Evidence] | None = None
    full: tuple[str, Evidence] | None = None
    titled: tuple[str, str, Evidence] | None = None
    bare_gender: tuple[str, Evidence] | None = None
    for speaker in ("caller", "operator"):
        stream = conversation.stream(speaker)
        text = stream.text
        if speaker == "caller":
            for m in p["surname"].finditer(text):
                surname = (m.group(1), stream.evidence(m.start(), m.end()))
            for m in p["full"].finditer(text):
                full = (m.group(1), stream.evidence(m.start(1), m.end(1)))
        for m in p["titled"].finditer(text):
            if speaker == "caller" and not re.search(r"(?:我是|我姓|叫我)$", text[:m.start()]):
                continue  # the caller speaks of someone else (找张师傅)
            titled = (m.group(1), m.group(2), stream.evidence(m.start(), m.end()))
        if speaker == "operator":
            for m in p["bare_title"].finditer(text):
                if titles.get(m.group(1)) in ("male", "female"):
                    bare_gender = (titles[m.group(1)], stream.evidence(m.start(1), m.end(1)))

    gender_guess = None
    if titled and titles.get(titled[1]) in ("male", "female"):
        gender_guess = Guess(titles[titled[1]], 0.8, (titled[2],))
    elif bare_gender:
        gender_guess = Guess(bare_gender[0], 0.7, (bare_gender[1],))

    if titled and (surname is None or surname[0] == titled[0]):
        ev = (titled[2],) + ((surname[1],) if surname else ())
        return Guess(titled[0] + titled[1], 0.85, ev), gender_guess
    if surname:
        gender = gender_guess.value if gender_guess else "unknown"
        title = {"male": "先生", "female": "女士"}.get(gender, "先生/女士")
        return Guess(surname[0] + title, 0.75 if gender != "unknown" else 0.6,
                     (surname[1],)), gender_guess
    if full:
        return Guess(full[0], 0.7, (full[1],)), gender_guess
    return None, gender_guess


_OTHERS = ("他", "她", "老人", "妈", "爸", "父亲", "母亲", "婆", "公", "爷", "奶", "邻居", "人家")


def _about_the_caller(text: str, word: str) -> int:
    """Where `word` (an age word) is said of the caller — not of a mother or a neighbour
    named just before it — or -1."""
    at = text.find(word)
    while at >= 0:
        before = text[max(0, at - 6):at]
        if word.startswith("我") or not any(o in before for o in _OTHERS):
            return at
        at = text.find(word, at + len(word))
    return -1


def guess_tags(conversation: Conversation) -> tuple[Guess | None, Guess | None]:
    """(tags, language): 老年人 from age words or elderly titles, 外籍人士 from
    nationality words or a caller speaking mostly Latin script."""
    c = cues()
    tags: list[str] = []
    evidence: list[Evidence] = []
    caller = conversation.stream("caller")
    operator = conversation.stream("operator")
    for word in c["elderly"]:
        at = _about_the_caller(caller.text, word)
        if at >= 0:
            tags.append("老年人")
            evidence.append(caller.evidence(at, at + len(word)))
            break
    else:
        # a title the operator addresses the caller with (阿婆您好); the caller's own
        # 老太太 is usually someone else
        for word in c["elderly_titles"]:
            at = operator.text.find(word)
            if at >= 0 and "老年人" not in tags:
                tags.append("老年人")
                evidence.append(operator.evidence(at, at + len(word)))
    language, lang_evidence = "zh", None
    for word, code in c["nationalities"].items():
        at = caller.text.find(word)
        if at >= 0:
            language = code or language
            lang_evidence = caller.evidence(at, at + len(word))
            break
    spoken = [p.segment for p in caller.pieces
              if getattr(p.segment, "language", "zh") not in ("zh", "yue", "wuu", "")]
    if spoken and lang_evidence is None:  # the recogniser heard another language
        seg = spoken[-1]
        language = seg.language
        lang_evidence = Evidence(seg.id, 0, len(seg.text), seg.text, "caller")
    latin = sum(ch.isascii() and ch.isalpha() for ch in caller.text)
    han = sum("\u4e00" <= ch <= "\u9fff" for ch in caller.text)
    if latin > 20 and latin > 2 * han and language == "zh":
        language = "en"
        if lang_evidence is None and caller.pieces:
            seg = caller.pieces[0].segment
            lang_evidence = Evidence(seg.id, 0, len(seg.text), seg.text, "caller")
    if lang_evidence is not None:
        tags.append("外籍人士")
        evidence.append(lang_evidence)
    tag_guess = Guess(tags, 0.75, tuple(evidence)) if tags else None
    lang_guess = Guess(language, 0.8, (lang_evidence,)) if language != "zh" and lang_evidence \
        else None
    return tag_guess, lang_guess
