"""Scan text for personal data.

    python manage.py scan_pii < text.txt              -> {"findings": [...]}
    python manage.py scan_pii --jsonl < texts.jsonl   -> one {"findings": [...]} per input line

Each finding is {"start", "end", "text", "kind"} with character offsets into the text.
"""

import json
import sys

from django.core.management.base import BaseCommand

from casussen.pii import scan


def _result(text):
    return {"findings": [finding.as_dict() for finding in scan(text)]}


class Command(BaseCommand):
    help = "Zoek persoonsgegevens in tekst (stdin). Met --jsonl: één JSON-object per regel."

    def add_arguments(self, parser):
        parser.add_argument(
            "--jsonl", action="store_true",
            help='Lees per regel {"text": ...} en schrijf per regel {"findings": [...]}.',
        )

    def handle(self, *args, **options):
        stdin = sys.stdin
        if hasattr(stdin, "reconfigure"):
            stdin.reconfigure(encoding="utf-8")
        out = self.stdout
        if not options["jsonl"]:
            out.write(json.dumps(_result(stdin.read()), ensure_ascii=False))
            return
        for line in stdin:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                text = record["text"] if isinstance(record, dict) else record
                if not isinstance(text, str):
                    raise TypeError("text is not a string")
            except (ValueError, KeyError, TypeError) as error:
                out.write(json.dumps({"findings": [], "error": f"ongeldige regel: {error}"}))
                continue
            out.write(json.dumps(_result(text), ensure_ascii=False))
            out.flush()
