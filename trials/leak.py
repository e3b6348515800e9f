"""Leak trial: secrets must not show up where they do not belong.

- Canary answers, site names, notes and attachments written to an encrypted database
  → plaintext occurrences in the database file, its WAL and shared memory, its
  rotating backups, a ``db backup`` copy and every other file the run left behind;
  the same after a plain database is re-keyed into an encrypted one.
- Passphrases (database and signing key, right and wrong ones) → occurrences in
  logs (``paths.user_log_dir()``), settings and other user files, exception
  messages (with their chained causes) and the CLI's output.

Each canary is looked for as UTF-8 and UTF-16 text (SQLite stores either).
"""

from __future__ import annotations

import secrets
import traceback
from collections.abc import Iterable
from pathlib import Path

from trials.report import Figure


def _forms(text: str) -> list[bytes]:
    return [text.encode("utf-8"), text.encode("utf-16-le"), text.encode("utf-16-be")]


def _files(*roots: Path) -> list[Path]:
    found: list[Path] = []
    for root in roots:
        if root.is_file():
            found.append(root)
        elif root.is_dir():
            found.extend(p for p in sorted(root.rglob("*")) if p.is_file())
    return found


def _occurrences(canaries: Iterable[str], files: Iterable[Path]) -> list[str]:
    hits = []
    needles = [(canary, form) for canary in canaries for form in _forms(canary)]
    for path in files:
        data = path.read_bytes()
        hits.extend(f"{canary!r} in {path}" for canary, form in needles if form in data)
    return hits


def _text_hits(canaries: Iterable[str], where: str, text: str) -> list[str]:
    return [f"{canary!r} in {where}" for canary in canaries if canary in text]


# -- canary answers in an encrypted database ------------------------------------------


def _fill_with_canaries(repo: object, tag: str) -> list[str]:
    from auditdesk.domain import (
        Audit,
        AuditType,
        FormRecord,
        RecordKind,
        Site,
        SupplyChainPosition,
        new_uuid,
    )
    from auditdesk.storage import Repository

    assert isinstance(repo, Repository)
    canaries = [f"CANARY{tag}{kind}{secrets.token_hex(6)}" for kind in
                ("site", "city", "answer", "quote", "instance", "photo", "caption", "setting")]
    site_c, city_c, answer_c, quote_c, instance_c, photo_c, caption_c, setting_c = canaries
    site = repo.add_site(Site(new_uuid(), "Leak Trial Org", site_c, "KE", city_c,
                              "data annotation", 80, SupplyChainPosition.VENDOR))
    audit = repo.add_audit(Audit(new_uuid(), site.uuid, AuditType.UNANNOUNCED), auditor="T")
    record = repo.add_form_record(
        FormRecord(new_uuid(), audit.uuid, "worker_interview", "1",
                   RecordKind.WORKER_INTERVIEW, "W-01"), auditor="T")
    repo.save_answer(record.uuid, "free_text", answer_c)
    repo.save_answer(record.uuid, "quote", f"She said: «{quote_c}»")
    for i in range(60):  # enough pages that the WAL and backups hold many frames
        repo.save_answer(record.uuid, f"filler{i}", f"{answer_c} filler {i}")
    repo.save_instance(record.uuid, {"form_id": "worker_interview", "version": "1",
                                     "answers": {"free_text": instance_c}, "repeats": {}})
    repo.add_attachment(record.uuid, "photo", "board.jpg", "image/jpeg",
                        b"\xff\xd8" + photo_c.encode() * 50, caption=caption_c)
    repo.set_setting("note", setting_c)
    return canaries


def _database_canaries(workdir: Path) -> Figure:
    from auditdesk.storage import create_database, open_database, rekey_database

    passphrase = "leak-db-" + secrets.token_hex(8)
    backups = workdir / "backups"
    encrypted = workdir / "encrypted" / "audit.sqlite"
    encrypted.parent.mkdir(parents=True)
    create_database(encrypted, passphrase=passphrase)
    hits: list[str] = []
    files_checked = 0
    with open_database(encrypted, passphrase=passphrase, backup_folder=backups) as repo:
        canaries = _fill_with_canaries(repo, "E")
        # While the database is open its newest pages live in the WAL: look there too.
        live = _files(encrypted.parent)
        files_checked += len(live)
        hits += _occurrences(canaries, live)
        repo.take_rotating_backup("trial")
        repo.backup_to(workdir / "copy" / "audit-copy.sqlite")
    with open_database(encrypted, passphrase=passphrase, backup_folder=backups) as repo:
        repo.save_answer(repo.list_form_records(repo.list_audits()[0].uuid)[0].uuid,
                         "after", canaries[2])

    # A plain database, re-keyed: no plaintext copy may stay behind.
    plain = workdir / "rekeyed" / "audit.sqlite"
    plain.parent.mkdir(parents=True)
    with open_database(plain, backup_folder=backups / "plain") as repo:
        canaries += _fill_with_canaries(repo, "P")
        repo.take_rotating_backup("trial")
    rekey_database(plain, passphrase=None, new_passphrase=passphrase,
                   backup_folder=backups / "plain")

    everything = _files(workdir)
    files_checked += len(everything)
    hits += _occurrences(canaries, everything)
    # The canaries are really in there: the check would see a plaintext copy.
    with open_database(plain, passphrase=passphrase, backup_folder=backups / "plain") as repo:
        assert repo.get_site(repo.list_sites()[0].uuid).name in canaries
    return Figure("leak: canary answers in encrypted db, WAL, backups (files)",
                  files_checked, len(hits), "0", examples=tuple(hits))


# -- passphrases in logs, settings, exceptions and CLI output --------------------------


def _exception_text(error: BaseException) -> str:
    text = "".join(traceback.format_exception(error))
    user_message = getattr(error, "user_message", "")
    return f"{text}\n{error!s}\n{error!r}\n{user_message}"


def _passphrase_exceptions(workdir: Path, right: str, wrong: str, key_pass: str) -> list[str]:
    from auditdesk.signing import KeyStore
    from auditdesk.storage import create_database, open_database, rekey_database

    db = workdir / "exceptions.sqlite"
    create_database(db, passphrase=right)
    hits: list[str] = []
    attempts = [
        lambda: open_database(db, passphrase=wrong, daily_backup=False),
        lambda: rekey_database(db, passphrase=wrong, new_passphrase=right + "x"),
        lambda: open_database(db, passphrase=None, daily_backup=False),
        lambda: KeyStore(workdir / "keys").load(wrong),
        lambda: KeyStore(workdir / "no-keys").load(key_pass),
    ]
    for number, attempt in enumerate(attempts, 1):
        try:
            attempt()
        except Exception as error:
            hits += _text_hits([right, wrong, key_pass], f"exception {number}",
                               _exception_text(error))
        else:
            hits.append(f"attempt {number} with a wrong passphrase did not fail")
    return hits


def _cli(args: list[str], env: dict[str, str | None]) -> str:
    """Run a command in this process (as the console script would) and return all it said.

    In-process keeps the trial fast; an exception escaping a command is formatted as
    the console script would print it, so it is searched too.
    """
    from click.testing import CliRunner

    from auditdesk.cli import cli

    result = CliRunner().invoke(cli, args, env=env, catch_exceptions=True)
    text = f"$ auditdesk {' '.join(args)}\n{result.output}"
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        text += "".join(traceback.format_exception(result.exception))
    return text


def _passphrases(workdir: Path) -> list[Figure]:
    from auditdesk import paths
    from auditdesk.signing import KeyStore

    right = "pp-right-'" + secrets.token_hex(8)  # a quote: the SQL literal must escape it
    wrong = "pp-wrong-" + secrets.token_hex(8)
    new = "pp-new-" + secrets.token_hex(8)
    key_pass = "pp-key-" + secrets.token_hex(8)
    key_wrong = "pp-keywrong-" + secrets.token_hex(8)
    all_secrets = [right, wrong, new, key_pass, key_wrong]

    KeyStore().create(name="Leak Trial", org="Trials", email="t@example.org",
                      passphrase=key_pass)
    exception_hits = _passphrase_exceptions(workdir, right, wrong, key_pass)

    db = str(workdir / "cli.sqlite")
    base: dict[str, str | None] = {
        "AUDITDESK_PASSPHRASE": None, "AUDITDESK_NEW_PASSPHRASE": None,
        "AUDITDESK_KEY_PASSPHRASE": None,
    }
    with_right = {**base, "AUDITDESK_PASSPHRASE": right}
    with_wrong = {**base, "AUDITDESK_PASSPHRASE": wrong}
    runs = [
        (["--db", db, "db", "init", "--encrypt"], with_right),
        (["--db", db, "db", "check"], with_right),
        (["--db", db, "audits", "list", "--json"], with_right),
        (["--db", db, "db", "backup", str(workdir / "cli-copy.sqlite")], with_right),
        (["--db", db, "db", "check"], with_wrong),
        (["--db", db, "audits", "list"], with_wrong),
        (["--db", db, "audits", "list"], base),
        (["--db", db, "db", "rekey"], {**with_wrong, "AUDITDESK_NEW_PASSPHRASE": new}),
        (["--db", db, "db", "rekey"], {**with_right, "AUDITDESK_NEW_PASSPHRASE": new}),
        (["--db", db, "db", "check"], {**base, "AUDITDESK_PASSPHRASE": new}),
        (["keys", "csr", str(workdir / "a.csr")],
         {**base, "AUDITDESK_KEY_PASSPHRASE": key_wrong}),
        (["keys", "csr", str(workdir / "b.csr")],
         {**base, "AUDITDESK_KEY_PASSPHRASE": key_pass}),
        (["keys", "show"], base),
    ]
    outputs = [_cli(args, env) for args, env in runs]
    cli_hits = [hit for output in outputs for hit in _text_hits(all_secrets, output[:200], output)]

    user_files = _files(paths.user_log_dir(), paths.user_config_dir(), paths.user_data_dir(),
                        workdir)
    file_hits = _occurrences(all_secrets, user_files)
    return [
        Figure("leak: passphrases in exception messages (attempts)", 5, len(exception_hits),
               "0", examples=tuple(exception_hits)),
        Figure("leak: passphrases in CLI output (commands)", len(runs), len(cli_hits), "0",
               examples=tuple(cli_hits)),
        Figure("leak: passphrases in logs, settings, user files (files)", len(user_files),
               len(file_hits), "0", examples=tuple(file_hits)),
    ]


def run(size: int, seed: int, workdir: Path) -> list[Figure]:
    del size, seed  # one pass; the canaries are random so no earlier run can match them
    (workdir / "db").mkdir(parents=True, exist_ok=True)
    (workdir / "pp").mkdir(parents=True, exist_ok=True)
    figures = [_database_canaries(workdir / "db"), *_passphrases(workdir / "pp")]
    from trials import leak_exports

    return figures + leak_exports.run(workdir / "exports")
