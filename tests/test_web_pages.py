"""The web widget's pages and `/me` routes over HTTP: headers, sessions, one person's data only."""
from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Optional

import pytest

pytestmark = pytest.mark.slow


def call(url: str, method: str = "GET", body: Optional[dict] = None, session: Optional[str] = None,
         headers: Optional[dict] = None) -> tuple[int, bytes, dict]:
    request = urllib.request.Request(url, method=method, data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json", **(headers or {})})
    if session:
        request.add_header("Authorization", f"Bearer {session}")
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            return reply.status, reply.read(), {k.lower(): v for k, v in reply.headers.items()}
    except urllib.error.HTTPError as error:
        return error.code, error.read(), {k.lower(): v for k, v in error.headers.items()}


def new_session(running_bot) -> dict:
    status, raw, _ = call(f"{running_bot.base_url}/session?token={running_bot.token}", "POST")
    assert status == 201
    return json.loads(raw)


def say(running_bot, session: dict, text: str) -> list:
    status, raw, _ = call(f"{running_bot.base_url}/webhooks/rest/webhook", "POST", {"message": text},
                          session=session["token"])
    assert status == 200, raw
    return json.loads(raw)


@pytest.mark.parametrize("path", ["/", "/?token=test-token", "/progress", "/help"])
def test_pages_are_ours_with_a_strict_policy(running_bot, path):
    status, raw, headers = call(running_bot.base_url + path)
    assert status == 200 and headers["content-type"].startswith("text/html")
    assert b"Hello from Rasa" not in raw
    policy = headers["content-security-policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy and "default-src 'none'" in policy
    assert "frame-ancestors 'none'" in policy
    assert headers["x-content-type-options"] == "nosniff" and headers["referrer-policy"] == "no-referrer"
    assert b"<script>" not in raw and b" style=" not in raw and b"onclick" not in raw.lower()


def test_the_chat_page_loads_only_its_own_files(running_bot):
    _, raw, _ = call(running_bot.base_url + "/")
    assert b'src="/web/reflect.js"' in raw and b"http" not in raw.replace(b"http-equiv", b"")
    status, script, headers = call(running_bot.base_url + "/web/reflect.js")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    assert b"innerHTML" not in script and b"eval(" not in script
    for name in ("../settings.py", "..%2Fsettings.py", "nothing.js", ".hidden"):
        assert call(f"{running_bot.base_url}/web/{name}")[0] == 404


def test_help_lists_the_locale_helplines(running_bot):
    from bot import safety

    _, raw, _ = call(running_bot.base_url + "/help")
    first = safety.helplines(safety.locale_from_env()).splitlines()[0]
    assert first.encode() in raw


@pytest.mark.parametrize("method,path", [
    ("GET", "/me/history"), ("GET", "/me/state"), ("GET", "/me/progress"),
    ("GET", "/me/export?format=json"), ("DELETE", "/me"), ("POST", "/me/erase"),
])
def test_me_needs_a_valid_session(running_bot, method, path):
    for session in (None, "v1.s-forged.AAAA", running_bot.token):
        status, raw, headers = call(running_bot.base_url + path, method, session=session)
        assert status == 401, (session, raw)
        assert headers["cache-control"] == "no-store"


def test_history_progress_export_and_erase_touch_only_the_sessions_person(running_bot):
    from bot.store.repository import Repository

    alice, bob = new_session(running_bot), new_session(running_bot)
    say(running_bot, alice, "hi")
    say(running_bot, bob, "hello there")
    repo = Repository(running_bot.database_url)
    repo.save_thought_record(alice["sender"], {"automatic_thought": "I'll fail",
                                               "emotions": [{"name": "anxious", "before": 90, "after": 40}]})
    base = running_bot.base_url

    status, raw, _ = call(base + "/me/history", session=alice["token"])
    history = json.loads(raw)
    assert status == 200 and history["sender"] == alice["sender"] and history["earlier"] == 0
    assert [line["text"] for line in history["transcript"] if line["who"] == "user"] == ["hi"]

    _, raw, _ = call(base + "/me/progress", session=alice["token"])
    assert json.loads(raw)["thought_records"][0]["emotions"] == [{"name": "anxious", "before": 90, "after": 40}]
    _, raw, _ = call(base + "/me/progress", session=bob["token"])
    assert json.loads(raw)["thought_records"] == []

    status, raw, headers = call(base + "/me/export?format=json", session=alice["token"])
    assert status == 200 and "attachment" in headers["content-disposition"]
    assert json.loads(raw)["sender"] == alice["sender"] and b"hello there" not in raw
    status, raw, headers = call(base + "/me/export?format=md", session=alice["token"])
    assert status == 200 and headers["content-type"].startswith("text/markdown") and b"I'll fail" in raw
    assert call(base + "/me/export?format=exe", session=alice["token"])[0] == 400

    # Another site's page may not erase anyone's data, even with the token.
    status, _, _ = call(base + "/me", "DELETE", session=alice["token"], headers={"Origin": "https://evil.example"})
    assert status == 403
    status, raw, _ = call(base + "/me", "DELETE", session=alice["token"])
    assert status == 200 and json.loads(raw)["erased"] is True
    _, raw, _ = call(base + "/me/history", session=alice["token"])
    assert json.loads(raw)["transcript"] == []
    assert repo.thought_records_for(alice["sender"]) == []
    _, raw, _ = call(base + "/me/history", session=bob["token"])
    assert [line["text"] for line in json.loads(raw)["transcript"] if line["who"] == "user"] == ["hello there"]


def test_state_follows_the_conversation(running_bot):
    alice = new_session(running_bot)
    say(running_bot, alice, "/choose_cbt")
    _, raw, _ = call(running_bot.base_url + "/me/state", session=alice["token"])
    assert json.loads(raw) == {"mode": "cbt", "in_thought_record": True}
