"""The call assistant: transcript segments in, a suggested work order out.

    assistant = CallAssistant.default(catalog)
    assistant.changed.connect(on_change)        # (draft, changed paths)
    for segment in transcriber_segments:        # partials and finals, both speakers
        assistant.feed(segment)
    draft = assistant.finish()                  # at hang-up: title, request, content written

Plain Python, no Qt; `feed` costs a few milliseconds per final segment
(bench/bench_assist.py), so the workspace runs it on a worker thread and applies the
result on the UI thread (`apply_to_model`). Partials only update what cannot wait — a
phone number being read, a safety word; finals update everything.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable

from agent_desktop.domain import Catalog
from agent_desktop.forms.order_model import FIELDS, WorkOrderModel
from agent_desktop.forms.phone import phone_key
from agent_desktop.geo.service import GeoService
from agent_desktop.kb.entities import LegalEntityDirectory
from agent_desktop.signals import Signal
from agent_desktop.speech.transcript import Segment, Transcript

from .conversation import Conversation
from .draft import Draft, Guess
from .embeddings import Embedder, default_embedder
from .framing import guess_appeal_type, guess_reply_required, guess_urgency
from .matters import MatterRanker
from .parties import guess_reported_party
from .people import guess_name, guess_tags
from .phones import guess_phones
from .places import PlaceListener
from .writer import Facts, OfflineWriter, Writer

log = logging.getLogger(__name__)

SOURCE = "assistant"
MATTER_FILL = 0.45  # the top matter fills the field from this score on


class CallAssistant:
    def __init__(self, catalog: Catalog, geo: GeoService, *, embedder: Embedder | None = None,
                 directory: LegalEntityDirectory | None = None,
                 writer: Writer | None = None) -> None:
        self.geo = geo
        self.ranker = MatterRanker(catalog, embedder)
        self.places = PlaceListener(geo)
        self.directory = directory
        self.writer: Writer = writer or OfflineWriter()
        self.changed = Signal()  # (Draft, [paths]) — emitted on the thread that fed
        self.reset()

    @classmethod
    def default(cls, catalog: Catalog, *, geo: GeoService | None = None,
                writer: Writer | None = None, embeddings: bool = True) -> CallAssistant:
        """With the city's gazetteer, the legal-entity directory and, when it loads, the
        sentence-embedding model."""
        directory = None
        try:
            directory = LegalEntityDirectory.default()
        except (OSError, ValueError):
            log.warning("legal-entity directory unavailable", exc_info=True)
        return cls(catalog, geo or GeoService.for_city(),
                   embedder=default_embedder() if embeddings else None,
                   directory=directory, writer=writer)

    def reset(self) -> None:
        """A new call."""
        self.conversation = Conversation()
        self.draft = Draft()

    # --- listening -----------------------------------------------------------------------

    def feed(self, segment: Segment) -> list[str]:
        """Take one segment; returns the draft's paths that changed (and emits them)."""
        if not self.conversation.add(segment):
            return []
        before = self.draft
        draft = self._analyse(full=segment.final, write=False)
        self.draft = draft
        changed = draft.changed_paths(before)
        if changed or draft.alerts != before.alerts:
            self.changed.emit(draft, changed)
        return changed

    def feed_all(self, segments: Iterable[Segment]) -> Draft:
        for s in segments:
            self.feed(s)
        return self.draft

    def finish(self) -> Draft:
        """At hang-up: everything, with title, request and content written."""
        before = self.draft
        self.draft = self._analyse(full=True, write=True)
        self.draft.complete = True
        changed = self.draft.changed_paths(before)
        self.changed.emit(self.draft, changed)
        return self.draft

    # --- the analysis --------------------------------------------------------------------

    def _analyse(self, *, full: bool, write: bool) -> Draft:
        c = self.conversation
        if full:  # everything found afresh: what was retracted or corrected is gone
            draft = Draft()
        else:  # a partial: only what cannot wait
            draft = Draft(fields=dict(self.draft.fields), matters=list(self.draft.matters),
                          second_matter=self.draft.second_matter)
        put = draft.fields.__setitem__
        for path, guess in (("caller.phones", guess_phones(c)),):
            if guess is None:
                draft.fields.pop(path, None)
            else:
                put(path, guess)
        urgency, draft.alerts = guess_urgency(c)
        if urgency is None:
            draft.fields.pop("urgency", None)
        else:
            put("urgency", urgency)
        if not full:
            return draft

        name, gender = guess_name(c)
        for path, guess in (("caller.name", name), ("caller.gender", gender)):
            if guess is not None:
                put(path, guess)
        tags, language = guess_tags(c)
        for path, guess in (("caller.tags", tags), ("caller.language", language)):
            if guess is not None:
                put(path, guess)
        for path, guess in self.places.guess(c).items():
            put(path, guess)

        draft.matters = self.ranker.rank(c)
        top = draft.matters[0] if draft.matters else None
        appeal = guess_appeal_type(c, top.name if top else "", urgent=urgency is not None)
        if appeal is not None:
            put("appeal_type", appeal)
            draft.matters = self.ranker.for_appeal(appeal.value)
            top = draft.matters[0] if draft.matters else None
        draft.second_matter = self.ranker.second_issue(draft.matters, c)
        if top is not None:
            put("matter_code", Guess(top.code, min(0.95, top.score), top.evidence))
        reply = guess_reply_required(c, appeal.value if appeal else None)
        if reply is not None:
            put("reply_required", reply)
        party = guess_reported_party(c, self.directory, draft.value("place.district_code"))
        if party is not None:
            put("reported_party", party)
        if draft.matters:
            self._write(draft, final=write)
        return draft

    def _facts(self, draft: Draft) -> Facts:
        g = self.geo.gazetteer
        district = g.districts.get(draft.value("place.district_code") or "")
        street = g.streets.get(draft.value("place.street_code") or "")
        address = draft.value("place.address", "") or ""
        place = "".join(p for p in (district.name if district else "",
                                    street.name if street else "") if p and p not in address)
        return Facts(appeal_type=draft.value("appeal_type"),
                     matter_name=draft.matters[0].name if draft.matters else "",
                     place_text=place + address, address=address,
                     caller_name=draft.value("caller.name", "") or "",
                     reported_party=draft.value("reported_party", "") or "")

    def _write(self, draft: Draft, *, final: bool) -> None:
        facts = self._facts(draft)
        writer = self.writer if final else OfflineWriter()
        try:
            written = writer.write(self.conversation, facts)
        except Exception:  # a central model's failure must never cost the draft
            log.warning("writer %s failed; writing offline", writer.name, exc_info=True)
            written = OfflineWriter().write(self.conversation, facts)
        confidence = 0.7 if final else 0.5
        for path, text in (("title", written.title), ("request", written.request),
                           ("content", written.content), ("summary", written.summary)):
            if text:
                draft.fields[path] = Guess(text, confidence)


def analyse_transcript(transcript: Transcript, assistant: CallAssistant | None = None,
                       catalog: Catalog | None = None) -> dict:
    """A saved call, start to hang-up, as the CLI's JSON (see `Draft.to_json`)."""
    if assistant is None:
        from agent_desktop.domain.reference import load_catalog

        assistant = _shared(catalog or load_catalog())
    assistant.reset()
    assistant.feed_all(transcript.segments)
    return assistant.finish().to_json()


_assistants: dict[int, CallAssistant] = {}


def _shared(catalog: Catalog) -> CallAssistant:
    key = id(catalog)
    if key not in _assistants:
        _assistants.clear()
        _assistants[key] = CallAssistant.default(catalog)
    return _assistants[key]


def apply_to_model(draft: Draft, model: WorkOrderModel, paths: Iterable[str] | None = None,
                   previous: Draft | None = None) -> list[str]:
    """Offer the draft's fields to the order model (which fills only what the operator has
    not typed). `previous` is the draft applied before (its numbers give way to corrected
    ones). Returns the paths that now show the assistant's value."""
    shown = []
    for path in (draft.fields if paths is None else paths):
        guess = draft.fields.get(path)
        if path not in FIELDS:
            continue
        if guess is None:
            suggestion = model.suggestion(path)
            if suggestion is not None and suggestion.source == SOURCE:
                model.withdraw(path)
            continue
        value = guess.value
        if path == "caller.phones":
            said_before = previous.value(path, []) if previous is not None else []
            value = _merged_phones(value, model.get(path) or [], said_before,
                                   model.typed_by_operator(path))
        if model.suggest(path, value, guess.confidence, SOURCE, guess.describe()):
            shown.append(path)
    return shown


def _merged_phones(spoken: list[str], current: list[str], said_before: list[str],
                   typed: bool) -> list[str]:
    """The numbers said first, then any other number already on the order (the caller
    ID the softphone put there), without duplicates or numbers the caller took back."""
    if typed:
        return list(spoken)
    keys = {phone_key(p) for p in spoken} | {phone_key(p) for p in said_before}
    return list(spoken) + [p for p in current if phone_key(p) not in keys]
