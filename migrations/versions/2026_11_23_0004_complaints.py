"""complaints: remedy offers, default categories and departments (issue 4, DESIGN.md §2.2)

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 22:30:00

Schema: ``complaint_remedy_offers`` keeps every remedy proposed in step 4 (waiting for approval,
waiting for the guest, accepted, rejected), so a rejected remedy and its escalation stay on record.
Numbers use the existing ``number_sequences`` table (one row per year) and attachments the
existing ``attachments`` table.

Data: the default complaint categories of DESIGN.md §2.2 with their handling guidelines, and the
hotel's usual departments, both in English and Chinese. Managers edit or deactivate them later;
downgrade removes only seeded rows no complaint refers to.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# code, English, Chinese, guideline (en), guideline (zh)
CATEGORIES = [
    ("facilities", "Facilities and equipment", "设施设备",
     "Send engineering at once and check the fault yourself; if it cannot be fixed quickly, offer a room "
     "move before the guest asks. Confirm with the guest that it works again.",
     "立即通知工程部并亲自查看故障；如不能尽快修复，在客人提出前主动提出换房。修复后与客人确认已恢复正常。"),
    ("service_attitude", "Service attitude", "服务态度",
     "Hear the guest out without defending the colleague; talk to the staff member and their supervisor "
     "separately and record both accounts. Apologise for how the guest was made to feel.",
     "耐心听完，不为员工辩护；分别与当事员工及其主管了解情况并记录双方陈述。为客人的感受致歉。"),
    ("service_efficiency", "Service efficiency", "服务效率",
     "Find where the delay happened (check-in, room service, laundry, check-out) and put it right now; "
     "tell the guest how long it will take and keep to it.",
     "查明延误环节（入住、送餐、洗衣、退房等）并立即补救；告诉客人需要多长时间并准时做到。"),
    ("food_beverage", "Food and beverage", "餐饮",
     "Take the dish away at once and offer to replace it; ask the chef to check it; with any sign of "
     "illness or an allergy, call the duty manager and the clinic first.",
     "立即撤下菜品并主动提出重做或更换；请厨师长检查；如有身体不适或过敏迹象，先通知值班经理和医务室。"),
    ("cleanliness", "Cleanliness", "卫生",
     "Have housekeeping re-clean at once and inspect the room yourself afterwards; offer another room "
     "if the guest prefers. Check the room attendant's checklist.",
     "立即安排客房部重新清洁，事后亲自检查；客人愿意时提供另一间房。核查服务员的清洁记录。"),
    ("noise", "Noise", "噪音",
     "Find the source (neighbours, works, equipment, events) and stop it if you can; otherwise offer a "
     "quieter room at once. Ask security to follow up at night.",
     "查明噪音来源（邻房、施工、设备、活动）并尽可能制止；否则立即提供更安静的房间。夜间请保安跟进。"),
    ("billing", "Billing and price", "账务价格",
     "Go through the bill line by line with the guest and the cashier; correct any error at once. "
     "Never argue about a charge in public; explain the rate agreed.",
     "与客人和收银员逐项核对账单，发现错误立即更正。不在公共场合争论费用，解释所约定的房价。"),
    ("safety", "Safety, security and lost property", "安全与失物",
     "Call security; for lost property search the lost-and-found log and CCTV with security. Do not "
     "promise compensation before the facts are verified; report thefts to the police if the guest wishes.",
     "通知保安部；遗失物品与保安一起查失物登记和监控。核实前不承诺赔偿；客人要求时协助报警。"),
    ("other", "Other", "其他",
     "Listen, verify the facts with the department concerned and propose one remedy.",
     "认真聆听，与相关部门核实情况，提出一个解决方案。"),
]

DEPARTMENTS = [
    ("front_office", "Front office", "前厅部"),
    ("housekeeping", "Housekeeping", "客房部"),
    ("food_beverage", "Food and beverage", "餐饮部"),
    ("engineering", "Engineering", "工程部"),
    ("security", "Security", "保安部"),
    ("finance", "Finance", "财务部"),
    ("sales", "Sales and marketing", "销售部"),
    ("recreation", "Recreation and spa", "康乐部"),
]


def _categories():
    return sa.table("complaint_categories", sa.column("id", sa.Integer), sa.column("code", sa.String),
                    sa.column("name_en", sa.String), sa.column("name_zh", sa.String),
                    sa.column("guideline_en", sa.Text), sa.column("guideline_zh", sa.Text),
                    sa.column("sort_order", sa.Integer), sa.column("active", sa.Boolean),
                    sa.column("version", sa.Integer))


def _departments():
    return sa.table("departments", sa.column("id", sa.Integer), sa.column("code", sa.String),
                    sa.column("name_en", sa.String), sa.column("name_zh", sa.String),
                    sa.column("active", sa.Boolean), sa.column("version", sa.Integer))


def upgrade() -> None:
    op.create_table(
        "complaint_remedy_offers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("remedy_type", sa.String(length=24), nullable=False),
        sa.Column("remedy_detail", sa.Text(), nullable=False),
        sa.Column("discount_pct", sa.Integer(), nullable=True),
        sa.Column("compensation_cents", sa.Integer(), nullable=True),
        sa.Column("required_level", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("offered_by", sa.Integer(), nullable=True),
        sa.Column("offered_at", sa.DateTime(), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("approved_at", sa.DateTime(), nullable=True),
        sa.Column("responded_at", sa.DateTime(), nullable=True),
        sa.Column("response_note", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(), server_default=sa.func.now(), nullable=False),
        sa.CheckConstraint(
            "(discount_pct IS NULL OR discount_pct BETWEEN 0 AND 100)"
            " AND (compensation_cents IS NULL OR compensation_cents >= 0)",
            name=op.f("ck_complaint_remedy_offers_amounts")),
        sa.CheckConstraint(
            "remedy_type IN ('redo', 'replace', 'repair', 'room_move', 'discount', 'bill_item_removed', "
            "'complimentary_service', 'compensation', 'apology_only')",
            name=op.f("ck_complaint_remedy_offers_remedy_type")),
        sa.CheckConstraint("status IN ('awaiting_approval', 'proposed', 'accepted', 'rejected')",
                           name=op.f("ck_complaint_remedy_offers_status")),
        sa.CheckConstraint(
            "required_level IN ('handler', 'lobby_manager', 'department_head', 'general_manager')",
            name=op.f("ck_complaint_remedy_offers_required_level")),
        sa.ForeignKeyConstraint(["complaint_id"], ["complaints.id"],
                                name=op.f("fk_complaint_remedy_offers_complaint_id_complaints")),
        sa.ForeignKeyConstraint(["offered_by"], ["users.id"], name=op.f("fk_complaint_remedy_offers_offered_by_users")),
        sa.ForeignKeyConstraint(["approved_by"], ["users.id"],
                                name=op.f("fk_complaint_remedy_offers_approved_by_users")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_complaint_remedy_offers")),
    )
    with op.batch_alter_table("complaint_remedy_offers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_remedy_offers_complaint_id"), ["complaint_id"], unique=False)

    bind = op.get_bind()
    categories = _categories()
    have = set(bind.scalars(sa.select(categories.c.code)))
    rows = [{"code": c, "name_en": en, "name_zh": zh, "guideline_en": gen, "guideline_zh": gzh,
             "sort_order": order * 10, "active": True, "version": 1}
            for order, (c, en, zh, gen, gzh) in enumerate(CATEGORIES, start=1) if c not in have]
    if rows:
        bind.execute(categories.insert(), rows)
    departments = _departments()
    have = set(bind.scalars(sa.select(departments.c.code)))
    rows = [{"code": c, "name_en": en, "name_zh": zh, "active": True, "version": 1}
            for c, en, zh in DEPARTMENTS if c not in have]
    if rows:
        bind.execute(departments.insert(), rows)


def downgrade() -> None:
    bind = op.get_bind()
    complaints = sa.table("complaints", sa.column("category_id", sa.Integer), sa.column("department_id", sa.Integer))
    involved = sa.table("complaint_departments", sa.column("department_id", sa.Integer))
    used_categories = set(bind.scalars(sa.select(complaints.c.category_id)))
    used_departments = (set(bind.scalars(sa.select(complaints.c.department_id)))
                        | set(bind.scalars(sa.select(involved.c.department_id))))
    categories = _categories()
    for cid, code in bind.execute(sa.select(categories.c.id, categories.c.code)).all():
        if code in {c[0] for c in CATEGORIES} and cid not in used_categories:
            bind.execute(categories.delete().where(categories.c.id == cid))
    departments = _departments()
    for did, code in bind.execute(sa.select(departments.c.id, departments.c.code)).all():
        if code in {d[0] for d in DEPARTMENTS} and did not in used_departments:
            bind.execute(departments.delete().where(departments.c.id == did))

    with op.batch_alter_table("complaint_remedy_offers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_remedy_offers_complaint_id"))
    op.drop_table("complaint_remedy_offers")
