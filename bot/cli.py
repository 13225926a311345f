"""The `reflect` command: run, train, chat, export, forget, purge, rotate-key, distortions."""
from __future__ import annotations

import argparse
import json
import os
import signal
import sys
from pathlib import Path
from typing import Sequence

from bot import settings


def _cmd_train(args: argparse.Namespace) -> int:
    from bot.runtime import training

    result = training.train(force=args.force)
    print(result.message)
    return 0 if result.ok else 1


def _prepare_storage() -> bool:
    """Migrate the database, tighten file modes, purge old data; False if it must not start."""
    from bot.store import admin
    from bot.store.crypto import UndecryptableData
    from bot.store.db import StoreUnavailable

    try:
        prepared = admin.prepare()
    except StoreUnavailable as error:
        print(
            f"Note: {error}. Reflect starts anyway and answers that it cannot save until the "
            "database is back.",
            file=sys.stderr,
        )
        return True
    except (UndecryptableData, ValueError) as error:
        print(str(error), file=sys.stderr)
        return False
    if prepared.migrated_from != prepared.migrated_to:
        print(f"Database schema brought up to date ({prepared.migrated_from or 'new'} -> {prepared.migrated_to}).")
    if prepared.purged:
        print(_purge_summary(prepared.purged))
    return True


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.runtime import servers, training

    result = training.train(force=False)
    print(result.message)
    if not result.ok:
        return 1
    if not _prepare_storage():
        return 1
    return servers.run_forever(port=args.port, actions_port=args.actions_port)


def _cmd_chat(args: argparse.Namespace) -> int:
    from bot.runtime import terminal, training

    result = training.train(force=False)
    if not result.ok:
        print(result.message)
        return 1
    return terminal.chat(port=args.port, actions_port=args.actions_port)


def _cmd_export(args: argparse.Namespace) -> int:
    from bot.export import to_markdown
    from bot.store.crypto import UndecryptableData
    from bot.store.repository import Repository, StoreUnavailable

    try:
        data = Repository(settings.load().database_url).export(args.sender)
    except (StoreUnavailable, UndecryptableData) as error:
        print(f"Could not read the database: {error}", file=sys.stderr)
        return 1
    text = to_markdown(data) if args.format == "md" else json.dumps(data, ensure_ascii=False, indent=2)
    if args.out:
        out = Path(args.out)
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
        print(f"Wrote everything stored for '{args.sender}' to {out}.")
    else:
        print(text)
    return 0


_PLACES = {
    "events": "conversation events",
    "thought_records": "thought records",
    "emotions": "feelings in thought records",
    "journal_entries": "journal entries",
    "practice": "practice answers",
}


def _counts(counts: dict) -> str:
    parts = [f"{counts[key]} {_PLACES[key]}" for key in _PLACES if counts.get(key)]
    return ", ".join(parts) if parts else "nothing was stored"


def _cmd_forget(args: argparse.Namespace) -> int:
    from bot.store.crypto import UndecryptableData
    from bot.store.repository import Repository, StoreUnavailable

    if not args.yes:
        print(
            f"This erases everything stored for '{args.sender}' and cannot be undone. "
            "Run again with --yes to confirm.",
            file=sys.stderr,
        )
        return 2
    try:
        report = Repository(settings.load().database_url).erase(args.sender)
    except (StoreUnavailable, UndecryptableData) as error:
        print(f"Nothing was erased: {error}", file=sys.stderr)
        return 1
    total = sum(report["deleted"].values())
    print(f"Erased {total} stored items for '{args.sender}': {_counts(report['deleted'])}.")
    for step in report["compacted"]:
        print(f"  - {step}")
    return 0


def _purge_summary(report: dict) -> str:
    total = sum(report["deleted"].values())
    lines = [f"Purged {total} stored items from before {report['cutoff']}: {_counts(report['deleted'])}."]
    lines += [f"  - {step}" for step in report["compacted"]]
    return "\n".join(lines)


def _cmd_purge(args: argparse.Namespace) -> int:
    from bot.store.repository import Repository, StoreUnavailable

    try:
        days = args.older_than_days or settings.retention_days()
    except ValueError as error:
        print(str(error), file=sys.stderr)
        return 2
    if days is None:
        print(
            "Nothing to do: set REFLECT_RETENTION_DAYS (e.g. 90) or pass --older-than-days N "
            "to delete what is older than that.",
            file=sys.stderr,
        )
        return 2
    if days < 1:
        print("--older-than-days must be at least 1.", file=sys.stderr)
        return 2
    if not args.yes:
        print(
            f"This deletes everything, for everyone, stored more than {days} days ago, and cannot be "
            "undone. Run again with --yes to confirm.",
            file=sys.stderr,
        )
        return 2
    try:
        report = Repository(settings.load().database_url).purge(days)
    except StoreUnavailable as error:
        print(f"Nothing was deleted: {error}", file=sys.stderr)
        return 1
    print(_purge_summary(report))
    return 0


def _cmd_rotate_key(args: argparse.Namespace) -> int:
    from bot.store import admin
    from bot.store.crypto import UndecryptableData
    from bot.store.db import StoreUnavailable

    try:
        rotation = admin.rotate_key()
    except (StoreUnavailable, UndecryptableData) as error:
        print(f"The key was not changed: {error}", file=sys.stderr)
        return 1
    print(f"Re-encrypted {rotation.resealed} stored values under the new key.")
    if rotation.key_source == "file":
        print(f"The new key is in {settings.load().key_file}; the old one is gone. Keep a backup of the new one:")
        print("without it nothing stored can be read.")
    elif rotation.keys_in_env > 1:
        print("Everything is now under the first key in REFLECT_SECRET_KEY; you can remove the others from it.")
    else:
        print(
            "REFLECT_SECRET_KEY holds one key, so nothing changed key. To rotate, put a new key first "
            "(REFLECT_SECRET_KEY=new,old) and run this again."
        )
    return 0


def _cmd_distortions(args: argparse.Namespace) -> int:
    from bot.nlp import distortions

    found = distortions.detect(args.text)
    print(json.dumps([{"label": s.label, "score": round(s.score, 3), "cue": s.cue} for s in found], ensure_ascii=False))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reflect",
        description="Reflect: a private reflection companion (CBT thought records and exploratory journaling).",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    run = commands.add_parser("run", help="start the action server and the Rasa server")
    run.add_argument("--port", type=int, default=5005, help="Rasa server port (default 5005)")
    run.add_argument("--actions-port", type=int, default=5055, help="action server port (default 5055)")
    run.set_defaults(func=_cmd_run)

    train = commands.add_parser("train", help="train the model into models/ (skips when nothing changed)")
    train.add_argument("--force", action="store_true", help="train even if nothing changed")
    train.set_defaults(func=_cmd_train)

    chat = commands.add_parser("chat", help="talk to the bot in this terminal")
    chat.add_argument("--port", type=int, default=5005)
    chat.add_argument("--actions-port", type=int, default=5055)
    chat.set_defaults(func=_cmd_chat)

    export = commands.add_parser("export", help="everything stored for one person")
    export.add_argument("--sender", required=True)
    export.add_argument("--format", choices=("json", "md"), default="json")
    export.add_argument("--out", help="write to this file instead of printing")
    export.set_defaults(func=_cmd_export)

    forget = commands.add_parser("forget", help="erase everything stored for one person")
    forget.add_argument("--sender", required=True)
    forget.add_argument("--yes", action="store_true", help="confirm the erasure")
    forget.set_defaults(func=_cmd_forget)

    purge = commands.add_parser("purge", help="delete everything older than REFLECT_RETENTION_DAYS")
    purge.add_argument("--older-than-days", type=int, help="instead of REFLECT_RETENTION_DAYS")
    purge.add_argument("--yes", action="store_true", help="confirm the deletion")
    purge.set_defaults(func=_cmd_purge)

    rotate = commands.add_parser("rotate-key", help="re-encrypt everything stored under a new key")
    rotate.set_defaults(func=_cmd_rotate_key)

    distortions = commands.add_parser("distortions", help="print the thinking-trap detector's JSON for TEXT")
    distortions.add_argument("text")
    distortions.set_defaults(func=_cmd_distortions)
    return parser


def _stop_on_signals() -> None:
    """Ctrl-C and SIGTERM stop `reflect run` cleanly, even when started in the
    background (where a shell leaves SIGINT ignored)."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGINT, interrupt)
    signal.signal(signal.SIGTERM, interrupt)


def main(argv: Sequence[str] | None = None) -> int:
    # Everything Reflect writes (database, keys, logs, exports) is for this user only,
    # in this process and in the servers it starts.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    _stop_on_signals()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
