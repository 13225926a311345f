"""The web widget in a real browser: Debian's Chromium driven by Selenium, against the real servers.

Nothing is downloaded: Selenium is pointed at /usr/bin/chromium and
/usr/bin/chromedriver (Debian packages `chromium`, `chromium-driver`; `.ci/run`
installs them). Without them the tests skip, or fail under
REFLECT_REQUIRE_SERVICES=1. Screenshots of every step go to
`<pytest's base temp>/screenshots/` (or REFLECT_SCREENSHOTS when set).
"""
from __future__ import annotations

import json
import os
import time
import uuid
from pathlib import Path
from typing import Callable, Iterator

import pytest

from tests.conftest import service_unavailable

pytestmark = pytest.mark.slow

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
AXE = Path(__file__).resolve().parent / "vendor" / "axe-core" / "axe.min.js"
WAIT_S = 60


@pytest.fixture(scope="module")
def screenshots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("REFLECT_SCREENSHOTS") or tmp_path_factory.getbasetemp() / "screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def open_browser(tmp_path) -> Iterator[Callable]:
    """Opens fresh Chromium windows (each with its own profile); closes them afterwards."""
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        service_unavailable("Chromium is not installed (apt-get install chromium chromium-driver)")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    drivers = []

    def start(width: int = 1100, height: int = 900) -> "webdriver.Chrome":
        profile = tmp_path / f"profile-{len(drivers)}"
        downloads = tmp_path / f"downloads-{len(drivers)}"
        downloads.mkdir()
        options = webdriver.ChromeOptions()
        options.binary_location = str(CHROMIUM)
        for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--no-first-run", "--disable-default-apps", f"--user-data-dir={profile}",
                     f"--window-size={width},{height}"):
            options.add_argument(flag)
        options.add_experimental_option("prefs", {
            "download.default_directory": str(downloads), "download.prompt_for_download": False,
        })
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
        driver.downloads = downloads
        drivers.append(driver)
        return driver

    yield start
    for driver in drivers:
        driver.quit()


# --- helpers -----------------------------------------------------------------


def shot(driver, folder: Path, name: str) -> None:
    driver.save_screenshot(str(folder / f"{name}.png"))


def wait_for(condition: Callable[[], object], what: str, timeout: float = WAIT_S):
    deadline = time.monotonic() + timeout
    while True:
        try:
            value = condition()
        except Exception:  # noqa: BLE001 - the page is still changing
            value = None
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def messages(driver) -> list[tuple[str, str]]:
    from selenium.webdriver.common.by import By

    out = []
    for item in driver.find_elements(By.CSS_SELECTOR, "#reflect-log li"):
        who = "user" if "reflect-user" in item.get_attribute("class") else "bot"
        out.append((who, item.find_element(By.CSS_SELECTOR, ".reflect-text").get_attribute("textContent")))
    return out


def bot_texts(driver) -> str:
    return "\n".join(text for who, text in messages(driver) if who == "bot")


def idle(driver) -> bool:
    from selenium.webdriver.common.by import By

    return not driver.find_element(By.ID, "reflect-send").get_attribute("disabled")


def say(driver, text: str) -> str:
    """Type `text` and press Enter; return the bot's new replies once they are shown."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    before = len(messages(driver))
    box = driver.find_element(By.ID, "reflect-input")
    if len(text) > 500:  # typing 20,000 keys takes minutes; the value is set, the Enter key is real
        driver.execute_script("arguments[0].value = arguments[1];", box, text)
    else:
        box.send_keys(text)
    box.send_keys(Keys.ENTER)
    return new_replies(driver, before)


def click_option(driver, title: str) -> str:
    from selenium.webdriver.common.by import By

    before = len(messages(driver))
    button = wait_for(lambda: next(b for b in driver.find_elements(By.CSS_SELECTOR, "#reflect-quick button")
                                   if b.text.strip() == title), f"a quick reply {title!r}")
    button.click()
    return new_replies(driver, before)


def new_replies(driver, before: int) -> str:
    wait_for(lambda: len(messages(driver)) > before + 1 and idle(driver), "the bot's reply")
    wait_for(lambda: driver.execute_script("return !document.getElementById('reflect-typing').hidden") is False,
             "the typing indicator to go")
    return "\n".join(text for who, text in messages(driver)[before:] if who == "bot")


def mode(driver) -> str:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, "reflect-mode").text


def open_chat(driver, running_bot, with_token: bool = True) -> None:
    from selenium.webdriver.common.by import By

    driver.get(running_bot.base_url + ("/?token=" + running_bot.token if with_token else "/"))
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#reflect-log li")
             or driver.find_element(By.ID, "reflect-notice").is_displayed(), "the chat to load")


def session_of(driver) -> dict:
    return json.loads(driver.execute_script("return localStorage.getItem('reflect.session')") or "null")


def no_horizontal_scroll(driver) -> bool:
    return driver.execute_script(
        "var d = document.documentElement; return d.scrollWidth <= d.clientWidth + 1;"
    )


def axe_violations(driver) -> list[dict]:
    """Serious and critical axe-core violations on the current page."""
    driver.execute_script(AXE.read_text(encoding="utf-8"))
    result = driver.execute_async_script(
        "var done = arguments[arguments.length - 1];"
        "axe.run(document, {resultTypes: ['violations']}).then(function (r) { done(r.violations); })"
        ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: []}]); });"
    )
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n.get("target") for n in v.get("nodes", [])][:5]}
        for v in result if v.get("impact") in ("serious", "critical")
    ]


THOUGHT_RECORD = [
    ("My manager sent my report back with lots of comments on Monday", "Step 2 of 11"),
    ("She thinks I'm useless and I'll never get promoted", "Step 3 of 11"),
    ("really anxious, maybe 90, and ashamed 6/10", "Step 4 of 11"),
    ("eight out of ten", "Step 5 of 11"),
    ("mind reading and fortune telling", "Step 6 of 11"),
    ("She wrote twenty comments and asked for a rewrite", "What do you actually know"),
    ("She said the analysis was strong and she picked me for this project", "Step 8 of 11"),
    ("She wants the report better, and she trusts me with the project.", "anxious (was 90)"),
    ("anxious 50, ashamed 30", "(It was 80.)"),
    ("45%", "Step 11 of 11"),
    ("Ask her which two comments matter most", "Saved"),
]


# --- the tests ---------------------------------------------------------------


def test_a_new_person_works_through_a_thought_journals_and_sees_progress(running_bot, open_browser, screenshots):
    from selenium.webdriver.common.by import By

    driver = open_browser()
    open_chat(driver, running_bot)
    assert "token" not in driver.current_url, "the owner's token must leave the address bar"
    assert session_of(driver)["sender"].startswith("s-")
    assert "In crisis?" in driver.find_element(By.ID, "reflect-crisis").text
    assert "not a therapist" in driver.find_element(By.ID, "reflect-disclaimer").text
    shot(driver, screenshots, "01-opened")

    reply = say(driver, "hi")
    assert "Work through a thought" in reply
    assert driver.find_elements(By.CSS_SELECTOR, "#reflect-log li.reflect-bot strong"), "**bold** renders"
    assert "**" not in bot_texts(driver).split("Work through a thought")[0][-5:]
    shot(driver, screenshots, "02-greeted")

    reply = click_option(driver, "Work through a thought (CBT)")
    assert "Step 1 of 11" in reply
    wait_for(lambda: mode(driver) == "Thought record: step 1 of 11", "the mode indicator")
    shot(driver, screenshots, "03-thought-record-started")

    for number, (text, expected) in enumerate(THOUGHT_RECORD, start=2):
        reply = say(driver, text)
        assert expected in reply, (text, reply)
        if expected == "Step 3 of 11":
            wait_for(lambda: mode(driver) == "Thought record: step 3 of 11", "step 3 in the mode indicator")
            shot(driver, screenshots, "04-thought-record-step-3")
    assert "90 ->" in reply
    shot(driver, screenshots, "05-thought-record-saved")
    times = driver.find_elements(By.CSS_SELECTOR, "#reflect-log li time")
    assert times and all(t.get_attribute("datetime") for t in times)

    sender = session_of(driver)["sender"]
    options = [b.text for b in driver.find_elements(By.CSS_SELECTOR, "#reflect-quick button")]
    driver.refresh()
    wait_for(lambda: "Ask her which two comments matter most" in [t for _, t in messages(driver)],
             "the history after a reload")
    assert session_of(driver)["sender"] == sender, "a reload continues the same session"
    assert [b.text for b in driver.find_elements(By.CSS_SELECTOR, "#reflect-quick button")] == options
    shot(driver, screenshots, "06-reloaded-with-history")

    reply = say(driver, "can we just talk instead?")
    wait_for(lambda: mode(driver) == "Exploring", "the explore mode indicator")
    for entry in ("I keep arguing with my sister about small things",
                  "I think I feel left out when she makes plans without me",
                  "It reminds me of being the youngest at home"):
        reply = say(driver, entry)
        assert reply.strip()
    shot(driver, screenshots, "07-journaling")

    driver.find_element(By.ID, "reflect-progress-link").click()
    wait_for(lambda: "thought record" in driver.find_element(By.ID, "progress-status").text, "the progress page")
    pairs = driver.find_elements(By.CSS_SELECTOR, "#chart-feelings svg g.reflect-pair")
    assert [(p.get_attribute("data-before"), p.get_attribute("data-after")) for p in pairs] == \
        [("90", "50"), ("60", "30")]
    cells = [[td.get_attribute("textContent") for td in row.find_elements(By.TAG_NAME, "td")]
             for row in driver.find_elements(By.CSS_SELECTOR, "#chart-feelings tbody tr")]
    assert [row[2:] for row in cells] == [["anxious", "90", "50", "-40"], ["ashamed", "60", "30", "-30"]]
    belief = driver.find_element(By.CSS_SELECTOR, "#chart-belief svg g.reflect-pair")
    assert (belief.get_attribute("data-before"), belief.get_attribute("data-after")) == ("80", "45")
    traps = driver.find_element(By.ID, "chart-traps").get_attribute("textContent")
    assert "Mind reading" in traps and "Fortune telling" in traps
    shot(driver, screenshots, "08-progress")
    driver.find_element(By.CSS_SELECTOR, "#chart-feelings summary").click()
    shot(driver, screenshots, "09-progress-table")

    driver.find_element(By.ID, "download-json").click()
    exported = wait_for(lambda: next(iter(driver.downloads.glob("reflect-export.json")), None), "the download")
    data = wait_for(lambda: json.loads(exported.read_text()), "the downloaded file")
    assert data["sender"] == sender and data["thought_records"][0]["belief_after"] == 45

    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True})
    driver.refresh()
    wait_for(lambda: "thought record" in driver.find_element(By.ID, "progress-status").text, "the progress page")
    assert no_horizontal_scroll(driver)
    shot(driver, screenshots, "10-progress-phone")


def test_hostile_text_shows_as_text_and_a_long_message_wraps(running_bot, open_browser, screenshots):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    driver = open_browser()
    open_chat(driver, running_bot)
    say(driver, "<img src=x onerror=alert(1)>")
    say(driver, "[x](javascript:alert(1))")
    say(driver, "<script>alert(2)</script> **still** *fine*")
    log = driver.find_element(By.ID, "reflect-log")
    shown = [text for who, text in messages(driver) if who == "user"]
    assert shown[:2] == ["<img src=x onerror=alert(1)>", "[x](javascript:alert(1))"]
    assert not log.find_elements(By.TAG_NAME, "img") and not log.find_elements(By.TAG_NAME, "a")
    assert not log.find_elements(By.TAG_NAME, "script")
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text
    shot(driver, screenshots, "11-hostile-text")

    long_text = ("a" * 40 + " ") * 400 + "b" * 3_600  # 20,000 characters, a long unbroken run at the end
    assert len(long_text) == 20_000
    say(driver, long_text)
    bubble = driver.find_elements(By.CSS_SELECTOR, "#reflect-log li.reflect-user")[-1]
    assert len(bubble.find_element(By.CSS_SELECTOR, ".reflect-text").get_attribute("textContent")) == 20_000
    log_box = driver.execute_script("return arguments[0].getBoundingClientRect().right;", log)
    bubble_box = driver.execute_script("return arguments[0].getBoundingClientRect().right;", bubble)
    assert bubble_box <= log_box + 1 and no_horizontal_scroll(driver)
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": 360, "height": 780, "deviceScaleFactor": 1, "mobile": True})
    assert no_horizontal_scroll(driver)
    shot(driver, screenshots, "12-long-message-phone")


def test_a_second_browser_cannot_see_the_first_ones_conversation(running_bot, open_browser, screenshots):
    from selenium.webdriver.common.by import By

    secret = f"my secret number is {uuid.uuid4().hex[:8]}"
    first = open_browser()
    open_chat(first, running_bot)
    say(first, secret)

    stranger = open_browser()
    open_chat(stranger, running_bot, with_token=False)
    assert "open the link Reflect printed" in stranger.find_element(By.ID, "reflect-notice").text
    assert secret not in stranger.page_source
    assert stranger.find_element(By.ID, "reflect-input").get_attribute("disabled")
    shot(stranger, screenshots, "13-second-browser-without-a-session")

    second = open_browser()
    open_chat(second, running_bot)  # the owner's link in another browser: a new, separate session
    assert session_of(second)["sender"] != session_of(first)["sender"]
    assert secret not in second.page_source
    second.get(running_bot.base_url + "/progress")
    wait_for(lambda: "thought records" in second.find_element(By.ID, "progress-status").text, "the progress page")
    assert secret not in second.page_source


def test_keyboard_only_and_accessibility_checks(running_bot, open_browser, screenshots):
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By
    from selenium.webdriver.common.keys import Keys

    driver = open_browser()
    open_chat(driver, running_bot)
    assert not axe_violations(driver) or pytest.fail(str(axe_violations(driver)))

    actions = ActionChains(driver)
    for _ in range(12):  # from the top of the page to the message box with Tab alone
        if driver.switch_to.active_element.get_attribute("id") == "reflect-input":
            break
        actions.send_keys(Keys.TAB).perform()
    focused = driver.switch_to.active_element
    assert focused.get_attribute("id") == "reflect-input"
    assert driver.execute_script("return getComputedStyle(arguments[0]).outlineStyle", focused) != "none"
    before = len(messages(driver))
    actions.send_keys("hello").send_keys(Keys.ENTER).perform()
    new_replies(driver, before)

    # Shift+Tab from the box reaches the quick replies; Enter on one chooses it.
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#reflect-quick button"), "quick replies")
    for _ in range(10):
        actions.key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
        if driver.switch_to.active_element.text.strip() == "Just explore (journal)":
            break
    button = driver.switch_to.active_element
    assert button.text.strip() == "Just explore (journal)"
    outline = driver.execute_script(
        "var s = getComputedStyle(arguments[0]); return [s.outlineStyle, s.outlineWidth];", button)
    assert outline[0] != "none" and outline[1] != "0px", "focus must be visible"
    shot(driver, screenshots, "14-keyboard-focus")
    before = len(messages(driver))
    actions.send_keys(Keys.ENTER).perform()
    new_replies(driver, before)
    wait_for(lambda: mode(driver) == "Exploring", "the explore mode")

    violations = axe_violations(driver)
    assert not violations, violations
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",  # 200% zoom of a 1280 px window
                           {"width": 640, "height": 450, "deviceScaleFactor": 2, "mobile": False})
    assert no_horizontal_scroll(driver)
    assert driver.find_element(By.ID, "reflect-input").is_displayed()
    shot(driver, screenshots, "15-zoom-200")
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})

    say(driver, "I keep worrying about work and my sister")
    driver.get(running_bot.base_url + "/progress")
    wait_for(lambda: "journal" in driver.find_element(By.ID, "progress-status").text, "the progress page")
    violations = axe_violations(driver)
    assert not violations, violations
    driver.get(running_bot.base_url + "/help")
    assert not axe_violations(driver)


def test_practice_by_trap_and_over_time_on_the_progress_page(running_bot, open_browser, screenshots):
    from selenium.webdriver.common.by import By

    from bot.store.repository import Repository

    driver = open_browser()
    open_chat(driver, running_bot)
    sender = session_of(driver)["sender"]
    repo = Repository(running_bot.database_url)
    for number, (labels, chosen) in enumerate([
        (["mind_reading"], ["mind_reading"]), (["mind_reading", "labeling"], ["labeling"]),
        (["labeling"], ["blaming"]), (["mind_reading"], ["mind_reading"]),
    ]):
        repo.save_practice(sender, f"d{number}", "a thought", "an answer", labels, chosen, set(labels) <= set(chosen))
    repo.save_journal_entry(sender, "Work again", ["work"])
    repo.save_journal_entry(sender, "Work and my sister", ["work", "family"])

    driver.get(running_bot.base_url + "/progress")
    wait_for(lambda: "4 practice answers" in driver.find_element(By.ID, "progress-status").text, "the progress page")
    bars = {b.find_element(By.TAG_NAME, "title").get_attribute("textContent"): b.get_attribute("data-value")
            for b in driver.find_elements(By.CSS_SELECTOR, "#chart-practice g.reflect-bar")}
    assert bars == {"Labeling (1 of 2): 50%": "50", "Mind reading (2 of 3): 67%": "67"}
    strips = driver.find_elements(By.CSS_SELECTOR, "#chart-practice g.reflect-strip rect")
    assert sorted(r.get_attribute("data-accuracy") for r in strips) == ["50", "67"]  # all on one day
    rows = [[td.get_attribute("textContent") for td in tr.find_elements(By.TAG_NAME, "td")]
            for tr in driver.find_elements(By.CSS_SELECTOR, "#chart-themes tbody tr")]
    assert [row[:2] for row in rows] == [["work", "2"], ["family", "1"]]
    shot(driver, screenshots, "18-practice-and-themes")
    violations = axe_violations(driver)
    assert not violations, violations


def test_erasing_asks_first_then_removes_everything(running_bot, open_browser, screenshots):
    from selenium.webdriver.common.by import By

    from bot.store.repository import Repository

    driver = open_browser()
    open_chat(driver, running_bot)
    say(driver, "I want to remember this: the blue kite")
    sender = session_of(driver)["sender"]
    repo = Repository(running_bot.database_url)
    assert any("blue kite" in line["text"] for line in repo.transcript_for(sender))

    driver.get(running_bot.base_url + "/progress")
    wait_for(lambda: "thought records" in driver.find_element(By.ID, "progress-status").text, "the progress page")
    confirm = driver.find_element(By.ID, "erase-confirm")
    assert not confirm.is_displayed()
    driver.find_element(By.ID, "erase-start").click()
    assert confirm.is_displayed()
    shot(driver, screenshots, "16-erase-confirmation")
    driver.find_element(By.ID, "erase-no").click()
    assert not confirm.is_displayed() and "Nothing was erased" in driver.find_element(By.ID, "data-status").text
    assert repo.transcript_for(sender)

    driver.find_element(By.ID, "erase-start").click()
    driver.find_element(By.ID, "erase-yes").click()
    wait_for(lambda: "erased" in driver.find_element(By.ID, "data-status").text, "the erase to finish")
    shot(driver, screenshots, "17-erased")
    assert repo.transcript_for(sender) == []
    assert session_of(driver) is None

    driver.get(running_bot.base_url + "/")
    wait_for(lambda: driver.find_element(By.ID, "reflect-notice").is_displayed(), "the chat page")
    assert "blue kite" not in driver.page_source


# --- embedded in another site, with open signup ---------------------------------


@pytest.fixture(scope="module")
def embedding_site(trained_model, tmp_path_factory) -> Iterator[tuple[str, str]]:
    """A bot with REFLECT_OPEN_SIGNUP=1 that allows one other site, and that site's page.

    Returns (the bot's address, the other site's page address).
    """
    import http.server
    import threading

    from bot.runtime.servers import Servers
    from tests.conftest import free_port

    site_port = free_port()
    site = f"http://127.0.0.1:{site_port}"
    names = ("REFLECT_DATA_DIR", "REFLECT_DATABASE_URL", "REFLECT_ALLOWED_ORIGINS", "REFLECT_OPEN_SIGNUP")
    saved = {name: os.environ.get(name) for name in names}
    os.environ.pop("REFLECT_DATABASE_URL", None)
    os.environ.update(REFLECT_DATA_DIR=str(tmp_path_factory.mktemp("reflect-embedding")),
                      REFLECT_ALLOWED_ORIGINS=site, REFLECT_OPEN_SIGNUP="1")
    servers = Servers(port=free_port(), actions_port=free_port())
    try:
        servers.start()
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>A clinic</title></head>'
        '<body><main><h1>Our clinic</h1><p>Between sessions, try Reflect.</p><div id="reflect-chat"></div></main>'
        f'<script src="{servers.base_url}/web/reflect.js" defer></script></body></html>'
    ).encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802 - the standard library's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", site_port), Page)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield servers.base_url, site + "/"
    finally:
        httpd.shutdown()
        servers.stop()


def test_one_script_tag_puts_the_chat_on_another_site(embedding_site, open_browser, screenshots):
    from selenium.webdriver.common.by import By

    bot_url, site_page = embedding_site
    driver = open_browser()
    driver.get(site_page)
    wait_for(lambda: driver.find_elements(By.CSS_SELECTOR, "#reflect-chat #reflect-log li"), "the embedded widget")
    assert "Work through a thought" in say(driver, "hi")
    assert session_of(driver)["sender"].startswith("s-")
    margin = driver.execute_script("return getComputedStyle(document.body).marginTop")
    assert margin == "8px", "the widget must not restyle the host page"
    shot(driver, screenshots, "19-embedded")

    # Open signup: any visitor of the bot's own page gets a fresh, private session.
    visitor = open_browser()
    visitor.get(bot_url + "/")
    wait_for(lambda: visitor.find_elements(By.CSS_SELECTOR, "#reflect-log li"), "the chat page")
    assert session_of(visitor)["sender"] != session_of(driver)["sender"]
    assert "Work through a thought" in say(visitor, "hi")
