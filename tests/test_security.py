"""Attacks on the running servers: nobody reads another person's data, no request takes the bot down.

Every refused request is followed by a check that the server still answers a
person, since "no input can make a server exit" is the point.
"""
from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
from typing import Optional

import pytest

from bot import keys
from bot.runtime.servers import answers

pytestmark = pytest.mark.slow


def post(url: str, body: bytes | str | None, headers: Optional[dict] = None) -> tuple[int, object, dict]:
    """POST raw bytes; return the status, the decoded JSON (or text) and the headers."""
    data = body.encode() if isinstance(body, str) else body
    request = urllib.request.Request(url, data=data if data is not None else b"", method="POST",
                                     headers={"Content-Type": "application/json", **(headers or {})})
    try:
        with urllib.request.urlopen(request, timeout=60) as reply:
            status, raw, got = reply.status, reply.read(), dict(reply.headers)
    except urllib.error.HTTPError as error:
        status, raw, got = error.code, error.read(), dict(error.headers)
    try:
        return status, json.loads(raw.decode() or "null"), got
    except ValueError:
        return status, raw.decode(errors="replace"), got


class Person:
    """Someone using a session, as the web page and `reflect chat` do."""

    def __init__(self, base_url: str, token: str) -> None:
        status, created, _ = post(f"{base_url}/session?token={token}", None)
        assert status == 201, created
        self.base_url, self.sender, self.session = base_url, created["sender"], created["token"]

    def say(self, text: str, sender_in_body: Optional[str] = None) -> tuple[int, object]:
        body = {"message": text}
        if sender_in_body:
            body["sender"] = sender_in_body
        status, replies, _ = post(f"{self.base_url}/webhooks/rest/webhook", json.dumps(body),
                                  {"Authorization": f"Bearer {self.session}"})
        return status, replies


def texts(replies: object) -> str:
    return "\n".join(r.get("text", "") for r in replies) if isinstance(replies, list) else str(replies)


def still_answers(running_bot) -> None:
    chat = running_bot.chat()
    chat.say("hi")
    assert "Reflect" in chat.text


def listening_addresses(port: int) -> set[str]:
    """Local addresses with a listening TCP socket on `port` (Linux /proc/net)."""
    found = set()
    for table, width in (("/proc/net/tcp", 8), ("/proc/net/tcp6", 32)):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            address, hex_port = fields[1].split(":")
            if fields[3] == "0A" and int(hex_port, 16) == port:
                if width == 8:
                    found.add(".".join(str(b) for b in reversed(bytes.fromhex(address))))
                else:
                    found.add(address)
    return found


def test_both_servers_listen_on_loopback_only(running_bot):
    if not __import__("os").path.exists("/proc/net/tcp"):
        pytest.skip("needs Linux /proc/net/tcp to read listening addresses")
    assert listening_addresses(running_bot.servers.port) == {"127.0.0.1"}
    assert listening_addresses(running_bot.servers.actions_port) == {"127.0.0.1"}


def test_the_webhook_without_a_token_or_session_is_refused(running_bot):
    url = f"{running_bot.base_url}/webhooks/rest/webhook"
    body = json.dumps({"sender": "alice", "message": "/show_journal"})
    for suffix, headers in (("", {}), ("?token=wrong", {}), ("", {"Authorization": "Bearer v1.s-x.forged"})):
        status, reply, _ = post(url + suffix, body, headers)
        assert status == 401, reply
        assert "session" in reply["error"]
    still_answers(running_bot)


def test_a_session_can_never_reach_another_persons_journal(running_bot):
    alice = Person(running_bot.base_url, running_bot.token)
    alice.say("/choose_explore")
    status, _ = alice.say("My sister Marguerite borrowed money again and I feel used.")
    assert status == 200

    mallory = Person(running_bot.base_url, running_bot.token)
    status, replies = mallory.say("/show_journal", sender_in_body=alice.sender)
    assert status == 200
    assert "Marguerite" not in texts(replies)
    assert all(r["recipient_id"] == mallory.sender for r in replies)

    status, replies = alice.say("/show_journal")
    assert "Marguerite" in texts(replies)


def test_a_new_session_needs_the_owners_token(running_bot):
    status, reply, _ = post(f"{running_bot.base_url}/session", None)
    assert status == 401 and "link" in reply["error"]
    first, second = (Person(running_bot.base_url, running_bot.token) for _ in range(2))
    assert first.sender != second.sender and first.sender.startswith("s-")


def test_the_http_api_needs_the_token(running_bot):
    chat = running_bot.chat()
    chat.say("hi")
    url = f"{running_bot.base_url}/conversations/{chat.sender}/tracker"
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(url, timeout=10)
    assert refused.value.code == 401
    assert chat.tracker(running_bot.token)["sender_id"] == chat.sender


def test_an_evil_origin_is_refused_and_gets_no_cors_grant(running_bot):
    body = json.dumps({"sender": "alice", "message": "hi"})
    url = f"{running_bot.base_url}/webhooks/rest/webhook?token={running_bot.token}"
    status, reply, headers = post(url, body, {"Origin": "https://evil.example"})
    assert status == 403 and "REFLECT_ALLOWED_ORIGINS" in reply["error"]
    assert "Access-Control-Allow-Origin" not in headers
    status, reply, headers = post(f"{running_bot.base_url}/session?token={running_bot.token}", None,
                                  {"Origin": "null"})
    assert status == 403
    own = running_bot.base_url
    status, reply, _ = post(url, body, {"Origin": own})
    assert status == 200 and reply


@pytest.mark.parametrize(
    "raw, status, fragment",
    [
        (b"", 400, "empty"),
        (b"null", 400, "JSON object"),
        (b"[1, 2]", 400, "JSON object"),
        (b"{not json", 400, "not valid JSON"),
        (b'{"sender": "x\\udc00", "message": "hi"}', 400, "surrogate"),
        (b'{"sender": "x\\u0000", "message": "hi"}', 400, "control"),
        (b'{"sender": "x\\u0007y", "message": "hi"}', 400, "control"),
        (b'{"message": "hi"}', 400, "missing"),
        (b'{"sender": null, "message": "hi"}', 400, "missing"),
        (b'{"sender": "", "message": "hi"}', 400, "missing"),
        (json.dumps({"sender": "a" * 129, "message": "hi"}).encode(), 400, "128"),
        (b'{"sender": "bob", "message": 12}', 400, "string"),
        (b'{"sender": "bob", "message": ["a"]}', 400, "string"),
        (b'{"sender": "bob", "message": {"a": 1}}', 400, "string"),
    ],
)
def test_bad_input_gets_a_clear_400_and_the_server_keeps_answering(running_bot, raw, status, fragment):
    url = f"{running_bot.base_url}/webhooks/rest/webhook?token={running_bot.token}"
    got, reply, _ = post(url, raw)
    assert got == status, reply
    assert fragment in reply["error"]
    still_answers(running_bot)


def test_plain_text_bodies_are_refused(running_bot):
    url = f"{running_bot.base_url}/webhooks/rest/webhook?token={running_bot.token}"
    status, reply, _ = post(url, '{"sender": "a", "message": "hi"}', {"Content-Type": "text/plain"})
    assert status == 415


def test_a_message_over_the_limit_gets_413_in_the_chat_and_nothing_is_stored(running_bot):
    from bot.store.repository import Repository

    chat = running_bot.chat()
    url = f"{running_bot.base_url}/webhooks/rest/webhook?token={running_bot.token}"
    started = time.monotonic()
    status, reply, _ = post(url, json.dumps({"sender": chat.sender, "message": "é" * 1_000_000}))
    assert time.monotonic() - started < 5
    assert status == 413
    assert "1,000,000 characters" in reply[0]["text"]
    assert Repository(running_bot.database_url).transcript_for(chat.sender) == []
    still_answers(running_bot)


def test_a_long_journal_entry_within_the_limit_is_taken_in(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_explore")
    entry = ("Today I kept thinking about my father and the garden he planted. " * 250)[:19_000]
    chat.say(entry)
    assert chat.replies and chat.text


def test_nul_and_lone_surrogates_in_a_message_are_cleaned_not_fatal(running_bot):
    from bot.store.repository import Repository

    chat = running_bot.chat()
    url = f"{running_bot.base_url}/webhooks/rest/webhook?token={running_bot.token}"
    status, reply, _ = post(url, b'{"sender": "%s", "message": "he\\u0000llo \\udc00 there"}' % chat.sender.encode())
    assert status == 200 and reply
    said = [t["text"] for t in Repository(running_bot.database_url).transcript_for(chat.sender) if t["who"] == "user"]
    assert said == ["hello \ufffd there"]


def test_an_empty_message_gets_a_kind_word(running_bot):
    chat = running_bot.chat()
    chat.say("   ")
    assert "didn't catch any words" in chat.text


def test_a_script_flooding_one_session_is_slowed_with_429(running_bot):
    person = Person(running_bot.base_url, running_bot.token)
    statuses = [person.say("/greet")[0] for _ in range(30)]
    assert statuses[:10] == [200] * 10
    assert 429 in statuses
    status, replies = person.say("/greet")
    assert status == 429 and "wait" in texts(replies)
    still_answers(running_bot)  # others, and tools with the API token, are not slowed


def action_call(running_bot, headers: dict, body: bytes) -> tuple[int, object]:
    url = f"http://127.0.0.1:{running_bot.servers.actions_port}/webhook"
    status, reply, _ = post(url, body, headers)
    return status, reply


FORGED = json.dumps({
    "next_action": "action_show_journal",
    "sender_id": "someone",
    "tracker": {"sender_id": "someone", "slots": {}, "latest_message": {}, "events": [],
                "paused": False, "followup_action": None, "active_loop": {}, "latest_action_name": None},
    "domain": {},
    "version": "3.6.21",
}).encode()


def test_the_action_server_refuses_forged_calls(running_bot):
    for headers in ({}, {keys.ACTION_SECRET_HEADER: "guess"}, {keys.ACTION_SECRET_HEADER: ""}):
        status, reply = action_call(running_bot, headers, FORGED)
        assert status == 401, reply
        assert "events" not in json.dumps(reply)
    secret = {keys.ACTION_SECRET_HEADER: keys.action_secret(), "Content-Type": "text/plain"}
    status, _ = action_call(running_bot, secret, FORGED)
    assert status == 415
    assert answers(f"http://127.0.0.1:{running_bot.servers.actions_port}/health")


def test_the_rasa_server_sends_the_secret_so_actions_work(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("At my desk after the meeting")  # validated by the action server
    assert "Step 2 of 11" in chat.text


def test_with_the_action_server_down_a_person_is_asked_to_send_again(running_bot):
    chat = running_bot.chat()
    chat.say("/choose_cbt")
    chat.say("On the train home")
    assert "Step 2 of 11" in chat.text
    with running_bot.action_server_down():
        chat.say("Everyone thinks I'm a fraud")
        assert "send it again" in chat.text
    chat.say("Everyone thinks I'm a fraud")
    assert "Step 3 of 11" in chat.text


def test_reflect_chat_keeps_its_own_private_session(running_bot, tmp_path):
    from bot.runtime import terminal

    token = terminal.terminal_session(running_bot.base_url, tmp_path)
    kept = tmp_path / terminal.SESSION_FILE
    assert kept.stat().st_mode & 0o777 == 0o600
    assert terminal.terminal_session(running_bot.base_url, tmp_path) == token  # the next `reflect chat` continues
    sender = json.loads(kept.read_text())["sender"]
    assert sender.startswith("s-") and sender not in (__import__("getpass").getuser(), "default")
    replies = terminal.send(running_bot.base_url, token, "hi")
    assert replies and all(r["recipient_id"] == sender for r in replies)
