"""The web pages' pieces that need no server: the helplines page, which paths are open, the widget's files."""
from __future__ import annotations

import re

from bot.channels import pages


def test_help_page_lists_the_locales_lines_escaped():
    page = pages.help_page("GB")
    assert "Samaritans: call 116 123" in page and "call 999 now" in page
    assert "{{helplines}}" not in page
    assert pages.help_page("nowhere").count("<li>") >= 2  # the international entry


def test_only_the_widgets_paths_skip_the_api_token():
    for path in ("/", "/progress", "/help", "/web/reflect.js", "/me", "/me/history", "/me/export"):
        assert pages.open_path(path), path
    for path in ("/conversations/x/tracker", "/model/parse", "/status", "/mea", "/webx/a.js"):
        assert not pages.open_path(path), path


def test_the_widget_inserts_text_only_and_loads_nothing_from_elsewhere():
    for name in ("reflect.js", "progress.js"):
        source = (pages.WEB_DIR / name).read_text()
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", source)
        assert not re.search(r"https?://(?!www\.w3\.org/2000/svg|127\.0\.0\.1:5005/\?token)", source.split("*/", 1)[1]), name
    for name in ("index.html", "progress.html", "help.html"):
        html = (pages.WEB_DIR / name).read_text()
        assert "<script>" not in html and "style=" not in html and "http" not in html.replace("http-equiv", "")


def test_the_policy_forbids_inline_script_and_framing():
    policy = pages.CONTENT_SECURITY_POLICY
    assert "script-src 'self'" in policy and "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    assert "frame-ancestors 'none'" in policy and "connect-src 'self'" in policy
