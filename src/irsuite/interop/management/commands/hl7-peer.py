"""`irsuite hl7-peer add|list|remove`: the systems that may send HL7 and where replies go."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from irsuite.errors import ServiceError
from irsuite.interop.hl7.codes import OrderMessage, UnhandledEvents
from irsuite.interop.hl7.models import Peer
from irsuite.interop.hl7.peers import services


class Command(BaseCommand):
    help = "Configure HL7 peers by their MSH-3 application and MSH-4 facility."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        add = sub.add_parser("add", help="add a peer")
        add.add_argument("name")
        add.add_argument("--application", required=True, help="MSH-3 it sends")
        add.add_argument("--facility", required=True, help="MSH-4 it sends")
        add.add_argument("--site", default="", help="site code its orders and MRNs belong to")
        add.add_argument("--outbound-host", default="")
        add.add_argument("--outbound-port", type=int, default=None)
        add.add_argument("--order-message", choices=OrderMessage.values, default="ORM^O01")
        add.add_argument("--unhandled", choices=UnhandledEvents.values, default="accept")
        add.add_argument("--send-pdf", action="store_true", help="ORU carries the report PDF")
        add.add_argument(
            "--fallback-procedure",
            default="",
            help="catalogue code for orders whose code is not mapped",
        )
        sub.add_parser("list", help="list peers")
        remove = sub.add_parser("remove", help="deactivate a peer")
        remove.add_argument("name")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["action"] == "add":
                peer = services.add_peer(
                    by=None,
                    name=options["name"],
                    application=options["application"],
                    facility=options["facility"],
                    site_code=options["site"],
                    outbound_host=options["outbound_host"],
                    outbound_port=options["outbound_port"],
                    order_message=options["order_message"],
                    unhandled_events=options["unhandled"],
                    send_report_pdf=options["send_pdf"],
                    fallback_procedure=options["fallback_procedure"],
                )
                self.stdout.write(f"added {peer}")
            elif options["action"] == "remove":
                services.remove_peer(options["name"], by=None)
                self.stdout.write(f"removed {options['name']}")
            else:
                for p in Peer.objects.select_related("site"):
                    out = f"{p.outbound_host}:{p.outbound_port}" if p.sends_outbound else "-"
                    state = "" if p.active else " (inactive)"
                    site = p.site.code if p.site else "-"
                    self.stdout.write(
                        f"{p.name}\t{p.application}/{p.facility}\tsite {site}"
                        f"\toutbound {out}{state}"
                    )
        except ServiceError as exc:
            raise CommandError(exc.message) from exc
