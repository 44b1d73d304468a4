"""The article HTML sanitiser: an allow-list, nothing that runs or loads."""

import pytest

from agent_desktop.kb import html_to_text, sanitize_html


@pytest.mark.parametrize("dirty, clean", [
    ('<p onclick="steal()">停水</p>', "<p>停水</p>"),
    ("<p>a<script>alert(1)</script>b</p>", "<p>ab</p>"),
    ("<style>p{color:red}</style><p>x</p>", "<p>x</p>"),
    ('<img src="http://evil/x.png" onerror="x()">', ""),
    ('<a href="javascript:alert(1)">link</a>', "<a>link</a>"),
    ('<a href=" jav&#x09;ascript:alert(1)">link</a>', "<a>link</a>"),
    ('<a href="https://example.org/a?b=1&c=2" target="_blank">ok</a>',
     '<a href="https://example.org/a?b=1&amp;c=2">ok</a>'),
    ('<iframe src="http://x"><p>inside</p></iframe><p>after</p>', "<p>after</p>"),
    ('<p style="background:url(http://x)">s</p>', "<p>s</p>"),
    ("<ul><li>one<li>two</ul>", "<ul><li>one<li>two</li></li></ul>"),
    ("<b>unclosed", "<b>unclosed</b>"),
    ("1 &lt; 2 &amp; <em>ok</em>", "1 &lt; 2 &amp; <em>ok</em>"),
    ('<td colspan="2" onmouseover="x">c</td>', '<td colspan="2">c</td>'),
    ("<svg><script>x</script></svg><p>ok</p>", "<p>ok</p>"),
    ("<link rel=stylesheet href=http://x><meta http-equiv=refresh>t", "t"),
])
def test_sanitize(dirty, clean):
    assert sanitize_html(dirty) == clean


def test_sanitized_demo_articles_keep_their_text(demo_articles):
    for article in demo_articles:
        assert html_to_text(sanitize_html(article.body_html)) == html_to_text(article.body_html)


def test_html_to_text_one_line_per_block():
    assert html_to_text("<h3>材料</h3><ul><li>身份证</li><li>原证书</li></ul><p>a  b</p>") == \
        "材料\n身份证\n原证书\na b"


def test_fast_text_extraction_matches_the_parser(demo_articles):
    from agent_desktop.kb.sanitize import html_to_text_strict

    samples = [a.body_html for a in demo_articles] + [
        "<p>a<script>x<y</script>b</p><!-- c --><style>p{}</style>d &amp; e<br>f",
        "<div><table><tr><td>1</td><td>2</td></tr></table></div>",
    ]
    for sample in samples:
        assert html_to_text(sample) == html_to_text_strict(sample)
