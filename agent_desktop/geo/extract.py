"""Place extraction: find the districts, streets/towns, estates, roads and landmarks that a
caller's sentence names, restricted to the configured city.

The matcher looks every substring of the text up in the gazetteer's alias index (longest
match wins), so it only ever finds names of this city: "营口路" can never become 营口市,
since 营口 is not a name in Shanghai's gazetteer. Shortened forms are accepted
("长海路" for 长海路街道, "七宝" for 七宝镇, "杨浦" for 杨浦区) unless the words that follow
make them part of a road ("闵行路", "黄浦江"). Fillers such as 那边/这里/附近/门口 need no
handling: they are simply not names.

    >>> from agent_desktop.geo.gazetteer import load_gazetteer
    >>> ex = PlaceExtractor(load_gazetteer("shanghai"))
    >>> [m.text for m in ex.extract("杨浦区营口路一幢大厦门口").mentions]
    ['杨浦区']
    >>> [r.name for r in ex.extract("杨浦区营口路一幢大厦门口").roads]
    ['营口路']
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from .gazetteer import AliasTarget, Gazetteer
from .model import Level, Road, Span
from .sounds import sound_index, syllable

# What may follow a shortened name when it is really part of a road or a river:
# 闵行路, 中山北路, 黄浦江, 七宝老街 (not 七宝街道).
ROAD_TAIL = re.compile(r"^(?:[东西南北中一二三四五六七八九]?(?:路|大道|公路|支路|弄|巷)|江|河|桥|街(?!道|镇))")
# Names of waters and the like that contain place names but say nothing about jurisdiction.
NOT_PLACES = ("黄浦江", "苏州河", "长江口", "淀山湖", "杭州湾", "东海大桥", "浦江两岸")
# What marks an ambiguous two-character estate name as a place.
ESTATE_TAILS = ("小区", "居委", "社区", "新村", "花园", "村", "苑", "公寓", "大楼", "那个小区")
ROAD_SUFFIX = re.compile(r"(大道|公路|支路|路|街(?!道)|巷)")
# Words ending like a road that are not road names (绕路 = take a detour, 逛街 = shop).
NOT_ROADS = ("绕路", "走路", "带路", "问路", "修路", "过路", "让路", "马路", "一路", "道路", "线路",
             "网路", "电路", "思路", "出路", "小路", "大路", "土路", "半路", "顺路", "迷路", "赶路",
             "上路", "路路", "逛街", "上街", "沿街", "当街", "临街", "满街", "小巷", "公路", "大道")
NUMBER = r"[0-9一二三四五六七八九十百千零〇幺两]+"
HOUSE_NUMBER = re.compile(rf"^({NUMBER}(?:弄{NUMBER}号|号|弄|支弄)(?:{NUMBER}(?:号|室|楼))?)")
LANDMARK = re.compile(
    r"(大厦|广场|医院|卫生院|学校|小学|中学|大学|幼儿园|公园|地铁站|火车站|汽车站|车站|商场|超市|"
    r"菜场|菜市场|大楼|市场|银行|酒店|宾馆|派出所|菜市|体育馆|图书馆|影院|电影院|工地|加油站)")
# Characters that end a road or landmark name when walking backwards from its suffix.
STOP_CHARS = set("在我你他她它们家住的是到去从于就还也都这那边里哪个了吧呢啊呀嘛和跟与及或说讲到靠对旁近号弄,，。.!！?？:：;；、 ")
# A street named after its road ("长海路" for 长海路街道) means the street when area words or
# nothing follow ("我是长海路的", "长海路这边"), and the road when a thing on it does.
ROAD_NAMED = re.compile(r"(?:路|大道|公路|(?<!街)街)$")
AREA_WORDS = ("这边", "那边", "这里", "那里", "这块", "那块", "附近", "一带", "地区", "片区",
              "辖区", "街道", "居民", "社区", "那个", "这个")
FILLERS = ("那边", "这边", "这里", "那里", "附近", "旁边", "对面", "边上", "一带", "这块", "那块")
MAX_ROAD_NAME = 6


@dataclass(frozen=True, slots=True)
class Mention:
    """A gazetteer name found in the text, with every division it may name.

    `sounds_like` is the name when the text only sounds like it (speech recognition wrote
    常海路街道 for 长海路街道): weaker evidence.
    """

    span: Span
    targets: tuple[AliasTarget, ...]
    sounds_like: str = ""

    @property
    def text(self) -> str:
        return self.span.text


@dataclass(slots=True)
class Extraction:
    text: str
    mentions: list[Mention] = field(default_factory=list)
    roads: list[Road] = field(default_factory=list)
    landmarks: list[Span] = field(default_factory=list)

    @property
    def address(self) -> str:
        """The place phrase: from the first place word to the end of the last one."""
        spans = [m.span for m in self.mentions] + [r.span for r in self.roads] + self.landmarks
        if not spans:
            return ""
        start = min(s.start for s in spans)
        end = max(s.end for s in spans)
        phrase = self.text[start:end]
        # keep a trailing 门口/旁边… that qualifies the last place word
        tail = self.text[end:end + 2]
        if tail in ("门口", "旁边", "对面", "附近"):
            phrase += tail
        return phrase


def normalise(text: str) -> str:
    """Full-width to half-width, drop spaces; keeps positions meaningful for display."""
    text = unicodedata.normalize("NFKC", text)
    return re.sub(r"\s+", "", text)


def sounded_aliases(index: dict[str, list[AliasTarget]]) -> list[str]:
    """The names looked up by sound: district and street/town aliases of 3+ characters."""
    return [alias for alias, targets in index.items()
            if len(alias) >= 3 and any(t.level in (Level.DISTRICT, Level.STREET)
                                       for t in targets)]


class PlaceExtractor:
    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        self._index = gazetteer.index
        self._max = gazetteer.max_alias_len
        self._sound_index: dict[str, str] | None = gazetteer.sounds  # pinyin → alias
        self._sounds()  # so that no lookup pays for it
        syllable("一")  # loads the character readings (~20 ms) now, not on a call

    def _sounds(self) -> dict[str, str]:
        """Toneless pinyin of district and street/town names of 3+ characters: built with
        the gazetteer (gazetteer.json `sounds`), else here with pypinyin (~1 s, ~55 MB)."""
        if self._sound_index is None:
            self._sound_index = sound_index(sounded_aliases(self._index))
        return self._sound_index

    def extract(self, text: str) -> Extraction:
        text = normalise(text)
        out = Extraction(text)
        out.mentions = self._mentions(text)
        taken = [(m.span.start, m.span.end) for m in out.mentions]
        out.roads = self._roads(text, taken)
        out.landmarks = self._landmarks(text, taken + [(r.span.start, r.span.end)
                                                        for r in out.roads])
        return out

    # --- gazetteer names ------------------------------------------------------------------

    def _mentions(self, text: str) -> list[Mention]:
        n = len(text)
        blocked = [False] * n
        for word in NOT_PLACES:
            for m in re.finditer(word, text):
                blocked[m.start():m.end()] = [True] * (m.end() - m.start())
        found: list[tuple[int, int, tuple[AliasTarget, ...]]] = []
        for i in range(n):
            if blocked[i]:
                continue
            for length in range(min(self._max, n - i), 1, -1):
                targets = self._index.get(text[i:i + length])
                if targets and not blocked[i + length - 1]:
                    kept = tuple(t for t in targets if self._plausible(text, i + length, t))
                    if kept:
                        found.append((i, i + length, kept))
        # Two greedy segmentations, longest-first and leftmost-longest (forward maximum
        # matching); keep the one that covers more of the text.
        best: list[tuple[int, int, tuple[AliasTarget, ...]]] = []
        for key in (lambda f: (f[0] - f[1], f[0]), lambda f: (f[0], f[0] - f[1])):
            chosen: list[tuple[int, int, tuple[AliasTarget, ...]]] = []
            for start, end, targets in sorted(found, key=key):
                if all(end <= s or start >= e for s, e, _ in chosen):
                    chosen.append((start, end, targets))
            if sum(e - s for s, e, _ in chosen) > sum(e - s for s, e, _ in best):
                best = chosen
        best.sort()
        mentions = [Mention(Span(s, e, text[s:e]), t) for s, e, t in best]
        return sorted(mentions + self._sound_mentions(text, best, blocked),
                      key=lambda m: m.span.start)

    def _sound_mentions(self, text, taken, blocked) -> list[Mention]:
        """Names that speech recognition misspelt with a homophone (常海路 for 长海路):
        windows of 3–6 uncovered Chinese characters whose pinyin is a district or street
        name sharing at least one character with it."""
        covered = [False] * len(text)
        for s, e, _ in taken:
            covered[s:e] = [True] * (e - s)
        free = [not covered[i] and not blocked[i] and "\u4e00" <= ch <= "\u9fff"
                for i, ch in enumerate(text)]
        if sum(free) < 3:
            return []
        sounds = self._sounds()
        syllables = [syllable(ch) if ok else "" for ch, ok in zip(text, free)]
        out: list[Mention] = []
        i = 0
        while i < len(text):
            hit = None
            for length in range(min(6, len(text) - i), 2, -1):
                if not all(free[i:i + length]):
                    continue
                alias = sounds.get("-".join(syllables[i:i + length]))
                if alias and set(alias) & set(text[i:i + length]):
                    targets = tuple(t for t in self._index[alias]
                                    if t.level in (Level.DISTRICT, Level.STREET)
                                    and self._plausible(text, i + length, t))
                    if targets:
                        hit = Mention(Span(i, i + length, text[i:i + length]), targets, alias)
                        break
            if hit:
                out.append(hit)
                i = hit.span.end
            else:
                i += 1
        return out

    @staticmethod
    def _plausible(text: str, end: int, target: AliasTarget) -> bool:
        after = text[end:end + 4]
        if target.needs_context:
            return after.startswith(ESTATE_TAILS)
        if target.short or target.level in (Level.ESTATE, Level.VILLAGE):
            if ROAD_TAIL.match(after):
                return False
        if (target.short and target.level is Level.STREET and ROAD_NAMED.search(text[:end])
                and not after.startswith(AREA_WORDS) and after[:1] not in STOP_CHARS):
            return False  # "四平路上", "控江路菜场", "长海路168号": the road, not 四平路街道
        return True

    # --- roads and house numbers ------------------------------------------------------------

    def _roads(self, text: str, taken: list[tuple[int, int]]) -> list[Road]:
        roads: list[Road] = []
        for m in ROAD_SUFFIX.finditer(text):
            end = m.end()
            if m.start() == 0:
                continue
            word = text[max(0, end - 2):end]
            if word in NOT_ROADS and word not in ("公路", "大道"):
                continue  # 绕路, 逛街 …
            # a road whose name is (the short form of) a street is already a mention
            inside = next(((s, e) for s, e in taken if s < end <= e), None)
            if inside is not None and end != inside[1]:
                continue
            start = m.start()
            while (start > 0 and m.start() - start < MAX_ROAD_NAME
                   and text[start - 1] not in STOP_CHARS
                   and not any(s < start <= e and e != end for s, e in taken
                               if not (s < end <= e))):
                start -= 1
            if inside is not None:
                start = inside[0]
            elif end - start <= 2:
                # "七宝老街", "泗泾公路": a generic road word after a place name
                before = next((s for s, e in taken if e == start), None)
                if before is not None:
                    start = before
            name = text[start:end]
            if (len(name) < 2 or name in NOT_ROADS
                    or re.fullmatch(NUMBER, name[: -len(m.group(1))])):
                continue
            if m.group(1) == "巷" and re.search(NUMBER + "$", text[:m.start()]):
                continue  # "3巷": a house number, not a lane name
            number = ""
            nm = HOUSE_NUMBER.match(text[end:])
            if nm:
                number = nm.group(1)
            span_end = end + len(number)
            roads.append(Road(name, Span(start, span_end, text[start:span_end]), number))
        return roads

    def _landmarks(self, text: str, taken: list[tuple[int, int]]) -> list[Span]:
        out = []
        for word in NOT_PLACES:
            out.extend(Span(m.start(), m.end(), word) for m in re.finditer(word, text))
        for m in LANDMARK.finditer(text):
            if any(s <= m.start() < e for s, e in taken):
                continue  # part of a name already found (瑞金医院, 虹桥火车站)
            start = m.start()
            while (start > 0 and m.start() - start < 8 and text[start - 1] not in STOP_CHARS
                   and not any(s < start <= e for s, e in taken)):
                start -= 1
            if start == m.start() and m.group(1) in ("市场", "大楼", "车站"):
                continue  # a bare common noun
            out.append(Span(start, m.end(), text[start:m.end()]))
        return out
