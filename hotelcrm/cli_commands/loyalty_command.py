"""``hotelcrm loyalty review [--as-of D] [--json]``: the yearly tier review and points expiry
(DESIGN.md §2.3, §6). Idempotent: a second run on the same day reports no change.

JSON: ``{"ok": true, "as_of", "review_year", "members_reviewed", "upgraded": [member numbers],
"downgraded": [member numbers], "points_expired": total points, "members_expired": [...]}``.
"""

from __future__ import annotations

from hotelcrm.i18n import tr

from .report_command import date_arg

ORDER = 55


def register(commands, common) -> None:
    loyalty = commands.add_parser("loyalty", parents=[common], help=tr("cli.loyalty.help"),
                                  description=tr("cli.loyalty.description"))
    tasks = loyalty.add_subparsers(dest="loyalty_task", metavar="review", required=True)
    review = tasks.add_parser("review", parents=[common], help=tr("cli.loyalty.review.help"),
                              description=tr("cli.loyalty.review.description"))
    review.add_argument("--as-of", dest="as_of", type=date_arg("as_of"), metavar="YYYY-MM-DD",
                        help=tr("cli.loyalty.as_of"))
    review.set_defaults(run=run_review)


def run_review(ctx) -> int:
    from hotelcrm.services.actor import Actor

    with ctx.services() as app:
        result = app.loyalty_review(Actor.system()).review(ctx.args.as_of)
    lines = [tr("cli.loyalty.review.done", year=result.review_year, date=result.as_of.isoformat(),
                members=result.members_reviewed, up=len(result.upgraded), down=len(result.downgraded),
                points=result.points_expired, expired=len(result.members_expired))]
    if result.upgraded:
        lines.append(tr("cli.loyalty.review.up", members=", ".join(result.upgraded)))
    if result.downgraded:
        lines.append(tr("cli.loyalty.review.down", members=", ".join(result.downgraded)))
    ctx.emit({"as_of": result.as_of.isoformat(), "review_year": result.review_year,
              "members_reviewed": result.members_reviewed, "upgraded": list(result.upgraded),
              "downgraded": list(result.downgraded), "points_expired": result.points_expired,
              "members_expired": list(result.members_expired)}, *lines)
    return 0
