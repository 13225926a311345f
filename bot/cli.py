"""The `reflect` command: run, train, chat, export, forget, distortions."""
from __future__ import annotations

import argparse
import getpass
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


def _cmd_run(args: argparse.Namespace) -> int:
    from bot.runtime import servers, training

    result = training.train(force=False)
    print(result.message)
    if not result.ok:
        return 1
    return servers.run_forever(port=args.port, actions_port=args.actions_port)


def _cmd_chat(args: argparse.Namespace) -> int:
    from bot.runtime import terminal, training

    result = training.train(force=False)
    if not result.ok:
        print(result.message)
        return 1
    return terminal.chat(sender=args.sender, port=args.port, actions_port=args.actions_port)


def _cmd_export(args: argparse.Namespace) -> int:
    from bot.export import to_markdown
    from bot.store.repository import Repository, StoreUnavailable

    try:
        data = Repository(settings.load().database_url).export(args.sender)
    except StoreUnavailable as error:
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


def _cmd_forget(args: argparse.Namespace) -> int:
    from bot.store.repository import Repository, StoreUnavailable

    if not args.yes:
        print(
            f"This erases everything stored for '{args.sender}' and cannot be undone. "
            "Run again with --yes to confirm.",
            file=sys.stderr,
        )
        return 2
    try:
        counts = Repository(settings.load().database_url).forget(args.sender)
    except StoreUnavailable as error:
        print(f"Could not reach the database: {error}", file=sys.stderr)
        return 1
    total = sum(counts.values())
    print(f"Erased {total} stored items for '{args.sender}'.")
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
    chat.add_argument("--sender", default=getpass.getuser(), help="who is talking (default: your user name)")
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
    args = build_parser().parse_args(argv)
    _stop_on_signals()
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
