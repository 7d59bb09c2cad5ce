"""``hotelcrm search QUERY [--limit N] [--json]``: the guest search from the command line."""

from __future__ import annotations

import json

from hotelcrm.i18n import tr

from .arg_types import int_arg

ORDER = 40
MAX_LIMIT = 500


def register(commands, common) -> None:
    search = commands.add_parser("search", parents=[common], help=tr("cli.search.help"),
                                 description=tr("cli.search.description"))
    search.add_argument("query", metavar="QUERY", help=tr("cli.search.query"))
    search.add_argument("--limit", type=int_arg("limit", 1, MAX_LIMIT), default=50, metavar="N",
                        help=tr("cli.search.limit"))
    search.set_defaults(run=run)


def hit_json(hit) -> dict:
    return {
        "id": hit.id, "name": hit.display_name, "latin_name": hit.latin_name, "pinyin": hit.pinyin,
        "phone": hit.phone_masked, "member_no": hit.member_no, "tier": hit.tier_code, "vip": hit.vip_code,
        "status": hit.status, "company": hit.company,
        "last_stay": hit.last_stay.isoformat() if hit.last_stay else None, "room": hit.in_house_room,
        "match": hit.match, "matched_on": hit.matched_on,
    }


def run(ctx) -> int:
    from hotelcrm.domain.errors import ValidationError
    from hotelcrm.domain.search_query import MIN_QUERY, parse_query
    from hotelcrm.services.actor import Actor

    if not parse_query(ctx.args.query).searchable:  # the service would answer "nothing found"
        raise ValidationError("query", "query_too_short", min=MIN_QUERY)
    with ctx.services() as app:
        hits = app.guest_search(Actor.system()).search(ctx.args.query, ctx.args.limit)
    if ctx.json:
        ctx.stdout.write(json.dumps([hit_json(h) for h in hits], ensure_ascii=False) + "\n")
        return 0
    if not hits:
        print(tr("cli.search.none", query=ctx.args.query), file=ctx.stdout)
        return 0
    for h in hits:
        extras = [x for x in (h.latin_name, h.phone_masked, h.member_no and f"#{h.member_no}", h.company,
                              h.in_house_room and tr("cli.search.room", room=h.in_house_room),
                              h.last_stay and tr("cli.search.last_stay", date=h.last_stay.isoformat())) if x]
        print(f"{h.id:>8}  {h.display_name}  " + " · ".join(extras), file=ctx.stdout)
    print(tr("cli.search.count", count=len(hits)), file=ctx.stdout)
    return 0
