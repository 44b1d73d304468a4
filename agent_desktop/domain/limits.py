"""The longest text the API accepts in each kind of field, in characters.

One table for every request model and query parameter (DESIGN §3), so that a too-long
value is a 422 before anything is stored. These are hard ceilings on what may cross the
wire; the work-order form's own rules (`forms.validation`: content ≤ 2,000, title ≤ 50)
are stricter and give the operator a message at the field first. Byte caps on whole
request bodies are in `server/protection.py` (`BODY_LIMITS`); every maximum here fits
inside them even in JSON's `\\uXXXX` escapes (6 bytes a character), e.g. a KB article of
`KB_BODY_MAX` characters is at most 600 KB against the 1 MiB cap.
"""

from __future__ import annotations

# --- people ----------------------------------------------------------------------------
NAME_MAX = 50  # a caller's name (姓名)
PHONE_MAX = 32  # one phone number as typed: digits, +86, dashes, 转 extension
PHONES_MAX = 5  # phone numbers of one caller
TAG_MAX = 20  # one special-group tag (老年人 …)
TAGS_MAX = 10
LANGUAGE_MAX = 16  # a BCP 47 tag: zh, en, zh-Hant-HK
USERNAME_MAX = 64
PASSWORD_MAX = 256

# --- codes and identifiers ---------------------------------------------------------------
CODE_MAX = 32  # matter, department, district and street codes
CODES_MAX = 20  # co-handling departments of one order; matter codes of an article
CALL_ID_MAX = 128  # the telephony system's call id
ORDER_NUMBER_MAX = 32  # 工单编号

# --- a work order's text -------------------------------------------------------------------
TITLE_MAX = 100
CONTENT_MAX = 4000  # 诉求内容 (Open311's description is up to 4,000 too)
REQUEST_MAX = 2000  # the caller's request (诉求)
REPORTED_PARTY_MAX = 200  # 被反映对象
ADDRESS_MAX = 200
ANSWER_MAX = 4000  # the operator's answer when handled at intake

# --- the lifecycle -----------------------------------------------------------------------
REPLY_MAX = 4000  # the department's reply (办结反馈)
COMMENT_MAX = 2000  # comments of actions and follow-ups, 督办 notes, decisions
REASON_MAX = 2000  # return, extension and rejection reasons
STATE_REASON_MAX = 200  # why an agent is not ready (小休, 培训 …)

# --- knowledge base -------------------------------------------------------------------------
KB_TITLE_MAX = 200
KB_BODY_MAX = 100_000  # an article's HTML; documented in the API
KB_DEPARTMENT_MAX = 128
KB_KEYWORD_MAX = 50
KB_KEYWORDS_MAX = 50

# --- query parameters ------------------------------------------------------------------------
SEARCH_MAX = 100  # free-text filters
CURSOR_MAX = 512  # an opaque paging cursor
