"""What the hotline records about a caller besides name and phone: the special groups
(特殊群体, which change how an order is handled and reported) and the languages a call
can be taken in (Shanghai runs foreign-language seats). Data shared by the form, the
assistant, routing and the server."""

from __future__ import annotations

# Tags as the hotline writes them (stored in Caller.tags).
CALLER_TAGS: list[str] = ["老年人", "残疾人", "外籍人士", "未成年人", "退役军人", "困难群众"]

# Language codes (ISO 639) of a call: Mandarin, Cantonese, Wu (Shanghainese), the
# foreign-language seats' languages, and sign language.
LANGUAGES: list[str] = ["zh", "yue", "wuu", "en", "ja", "ko", "fr", "de", "ru", "es", "ar",
                        "sgn"]
