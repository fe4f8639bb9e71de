"""The answer to ``/collab help``."""

from __future__ import annotations

HELP_EN = """*`/collab` — cross-department collaboration improvement*
• `/collab project add` — new project (form), or inline:
   `/collab project add "Name" goal="…" due=2026-12-31 lead=@user depts=Sales,R&D`
• `/collab project list`
• `/collab problem add` — log a problem (form), or `/collab problem add PRJ-1 process "description" cause="root cause"`
   categories: `info` 信息传递 · `roles` 责任分工 · `process` 流程机制 · `resources` 资源支持
• `/collab measure add` — add a measure (form), or
   `/collab measure add PRB-1 owner=@user dept=Sales due=2026-12-15 "text" deliverable="…" note="…"`
• `/collab measure set MSR-1 status=doing due=2026-12-20 owner=@user note="…"`
   statuses: `todo` 未开始 · `doing` 进行中 · `done` 已完成 · `blocked` 受阻
• `/collab status [me | PRJ-1 | <dept> | @user]`
• `/collab export [PRJ-1] [csv|xlsx]`
• `/collab dept add <name> head=@user channel=#channel` · `/collab dept list` (admins add)
• `/collab config [tz=Asia/Shanghai] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] [digest="mon 09:00"] [escalate_after=2] [holidays=CN] [admins=@a,@b]`
• `/collab measure set MSR-1 text="…" deliverable="…" dept=R&D` — reword a measure or move it to another department
• `/collab problem set PRB-1 category=info cause="…" text="…"` (the project lead, admins)
• `/collab dept set Sales name="Sales Ops" head=@user channel=#channel` · `/collab dept archive Sales` · `/collab dept restore Sales` (admins)
• The bot's *Home* tab: your open measures, what waits for you, the projects you lead. On any message: *More actions* → *Log as problem*."""

HELP_ZH = """*`/collab` —— 跨部门沟通协作改进*
• `/collab project add` —— 新建项目（表单），或：
   `/collab project add "名称" goal="…" due=2026-12-31 lead=@负责人 depts=销售部,研发部`
• `/collab project list`
• `/collab problem add` —— 记录问题（表单），或 `/collab problem add PRJ-1 流程机制 "问题描述" cause="根本原因"`
   类别：`info` 信息传递 · `roles` 责任分工 · `process` 流程机制 · `resources` 资源支持
• `/collab measure add` —— 添加改进措施（表单），或
   `/collab measure add PRB-1 owner=@负责人 dept=销售部 due=2026-12-15 "措施" deliverable="…" note="…"`
• `/collab measure set MSR-1 status=进行中 due=2026-12-20 owner=@负责人 note="…"`
   状态：`todo` 未开始 · `doing` 进行中 · `done` 已完成 · `blocked` 受阻
• `/collab status [me | PRJ-1 | <部门> | @某人]`
• `/collab export [PRJ-1] [csv|xlsx]`
• `/collab dept add <名称> head=@负责人 channel=#频道` · `/collab dept list`（管理员添加）
• `/collab config [tz=Asia/Shanghai] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] [digest="mon 09:00"] [escalate_after=2] [holidays=CN] [admins=@a,@b]`
• `/collab measure set MSR-1 text="…" deliverable="…" dept=研发部` —— 修改措施内容或转到其他部门
• `/collab problem set PRB-1 category=info cause="…" text="…"`（项目负责人、管理员）
• `/collab dept set 销售部 name="销售运营部" head=@负责人 channel=#频道` · `/collab dept archive 销售部` · `/collab dept restore 销售部`（管理员）
• 机器人的 *主页* 标签：我负责的措施、待我处理的事项、我负责的项目。在任意消息上：*更多操作* → *Log as problem*（记录为问题）。"""

WORDS: dict[str, dict[str, str]] = {"help": {"en": HELP_EN, "zh": HELP_ZH}}
