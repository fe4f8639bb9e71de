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
• `/collab project show PRJ-1` — the charter: goal, metric, duties, risks, meetings, problems, measures, change requests
• `/collab project set PRJ-1 metric="user conversion" baseline=10 target=11.5 unit=%` (also name= goal= due= lead= depts=; lead and admins)
• `/collab duty PRJ-1 Sales "owns the launch plan"` · `/collab risk add PRJ-1 "vendor late" plan="second vendor" owner=@user` · `/collab risk set RSK-1 status=closed`
• `/collab meeting add` — kickoff or ad-hoc meeting (form), or `/collab meeting add PRJ-1 kickoff at="2026-12-01 10:00" "Kickoff" depts=Sales,R&D topics="scope; dates"`
• `/collab meeting list [PRJ-1]` · `/collab meeting minutes MTG-1` (problems as `process: approvals take two weeks`, one per line)
• `/collab change add` — change request (form), or `/collab change add PRJ-1 "drop feature X" impact="2 weeks less" dept=Sales measure=MSR-1 due=2026-12-20` · `/collab change list [PRJ-1]`
• `/collab milestone add PRJ-1 "Pilot done" due=2026-12-31` — on that day the lead gets the facts and a chart · `/collab evaluate MLS-1|PRJ-1` — record an evaluation (met / partly / missed), posted with the chart to the project's channels (lead and admins)
• `/collab project close PRJ-1` · `/collab project reopen PRJ-1` — a closed project's measures leave prompts, nudges, digests and lists; exports keep it (lead and admins)
• `/collab retro start PRJ-1 [until=2026-12-10]` — a retrospective: everyone who took part is asked for input (keep / drop / suggestions, optionally anonymous), reminded once the working day before, and the report goes to the channels on that day · `/collab retro show RET-1|PRJ-1`
• `/collab practices` — the practice library: items of retrospective reports kept as practices (they appear in every new kickoff agenda) or dropped as steps (*Keep as practice* / *Drop this step* on the report: lead and admins)
• `/collab dept add <name> head=@user channel=#channel` · `/collab dept list` (admins add)
• `/collab config [tz=Asia/Shanghai] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] [digest="mon 09:00"] [escalate_after=2] [holidays=CN] [admins=@a,@b] [agenda_days=3]`
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
• `/collab project show PRJ-1` —— 项目章程：目标、指标、职责、风险、会议、问题、措施、变更申请
• `/collab project set PRJ-1 metric="用户转化率" baseline=10 target=11.5 unit=%`（另有 name= goal= due= lead= depts=；项目负责人和管理员）
• `/collab duty PRJ-1 销售部 "负责上线计划"` · `/collab risk add PRJ-1 "供应商延期" plan="备选供应商" owner=@负责人` · `/collab risk set RSK-1 status=closed`
• `/collab meeting add` —— 沟通会议或临时沟通会（表单），或 `/collab meeting add PRJ-1 kickoff at="2026-12-01 10:00" "启动会" depts=销售部,研发部 topics="范围; 时间"`
• `/collab meeting list [PRJ-1]` · `/collab meeting minutes MTG-1`（问题每行一个，如 `流程机制：审批需要两周`）
• `/collab change add` —— 需求变更申请（表单），或 `/collab change add PRJ-1 "取消功能 X" impact="少两周" dept=销售部 measure=MSR-1 due=2026-12-20` · `/collab change list [PRJ-1]`
• `/collab milestone add PRJ-1 "试点完成" due=2026-12-31` —— 当天负责人收到事实数据和图表 · `/collab evaluate MLS-1|PRJ-1` —— 记录阶段性评估（达标 / 部分达标 / 未达标），连同图表发到项目的部门频道（负责人和管理员）
• `/collab project close PRJ-1` · `/collab project reopen PRJ-1` —— 关闭的项目其措施不再出现在提醒、周报和列表中；导出仍包含（负责人和管理员）
• `/collab retro start PRJ-1 [until=2026-12-10]` —— 复盘：邀请所有参与者提交亮点 / 不足 / 建议（可匿名），截止前一个工作日提醒一次，截止当天发出复盘报告 · `/collab retro show RET-1|PRJ-1`
• `/collab practices` —— 做法库：从复盘报告中固化的做法（出现在每个新的启动会议程中）和淘汰的环节（报告上的 *固化为做法* / *淘汰此环节*：负责人和管理员）
• `/collab dept add <名称> head=@负责人 channel=#频道` · `/collab dept list`（管理员添加）
• `/collab config [tz=Asia/Shanghai] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] [digest="mon 09:00"] [escalate_after=2] [holidays=CN] [admins=@a,@b] [agenda_days=3]`
• `/collab measure set MSR-1 text="…" deliverable="…" dept=研发部` —— 修改措施内容或转到其他部门
• `/collab problem set PRB-1 category=info cause="…" text="…"`（项目负责人、管理员）
• `/collab dept set 销售部 name="销售运营部" head=@负责人 channel=#频道` · `/collab dept archive 销售部` · `/collab dept restore 销售部`（管理员）
• 机器人的 *主页* 标签：我负责的措施、待我处理的事项、我负责的项目。在任意消息上：*更多操作* → *Log as problem*（记录为问题）。"""

WORDS: dict[str, dict[str, str]] = {"help": {"en": HELP_EN, "zh": HELP_ZH}}
