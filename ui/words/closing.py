"""Step 5's words: milestones, evaluations (阶段性评估)."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # milestones
    "cls.milestone_added": {
        "en": "Added {ref} {name} to {project}, on {due}. On that day the lead gets the facts and a chart.",
        "zh": "已为 {project} 添加里程碑 {ref} {name}，日期 {due}。当天负责人会收到事实数据和图表。",
    },
    "cls.milestone_args": {
        "en": "Name the project, the milestone and its date.",
        "zh": "请写明项目、里程碑名称和日期。",
    },
    "cls.milestone_past": {
        "en": "The milestone's date {due} is in the past.",
        "zh": "里程碑日期 {due} 已经过去。",
    },
    "cls.action_milestone": {"en": "add a milestone to {ref}", "zh": "为 {ref} 添加里程碑"},
    "cls.milestone_title": {
        "en": "Milestone {ref} {name} of {project} — today",
        "zh": "里程碑 {ref} {name}（{project}）— 今天",
    },
    "cls.facts_title": {"en": "Where {project} stands", "zh": "{project} 当前情况"},
    "cls.fact_done": {"en": "Measures done: {done} of {total}", "zh": "已完成措施：{done} / {total}"},
    "cls.fact_on_time": {
        "en": "Done on time: {on_time} · done late: {late}",
        "zh": "按期完成：{on_time} · 逾期完成：{late}",
    },
    "cls.fact_overdue": {"en": "Overdue, not done: {overdue}", "zh": "已逾期未完成：{overdue}"},
    "cls.fact_resolved": {
        "en": "Problems resolved (all their measures done): {resolved}",
        "zh": "已解决的问题（措施全部完成）：{resolved}",
    },
    "cls.fact_risks": {"en": "Open risks: {risks}", "zh": "未关闭风险：{risks}"},
    "cls.no_goal": {"en": "The project has no measurable goal.", "zh": "该项目没有可量化的目标。"},
    "cls.btn_evaluate": {"en": "Record evaluation", "zh": "记录评估"},
    "cls.chart_title": {"en": "{project} — chart", "zh": "{project} — 图表"},
    "cls.home_evaluate": {
        "en": ":dart: *{ref}* {name} of {project} was on {due}: record its evaluation.",
        "zh": ":dart: {project} 的里程碑 *{ref}* {name}（{due}）已到：请记录评估。",
    },
    # closing projects
    "cls.closed": {
        "en": "{project} is closed: its measures leave the prompts, nudges, digests and lists; its history "
        "stays and exports include it. `/collab project reopen {ref}` undoes it.",
        "zh": "{project} 已关闭：其措施不再出现在同步提醒、逾期提醒、周报和列表中；历史保留，导出仍包含它。"
        "`/collab project reopen {ref}` 可撤销。",
    },
    "cls.reopened": {
        "en": "{project} is open again: its measures are back in the prompts, nudges, digests and lists.",
        "zh": "{project} 已重新打开：其措施重新出现在同步提醒、逾期提醒、周报和列表中。",
    },
    "cls.already_closed": {"en": "{project} is already closed.", "zh": "{project} 已经是关闭状态。"},
    "cls.not_closed": {"en": "{project} is not closed.", "zh": "{project} 没有关闭。"},
    "cls.closed_on": {"en": "*Closed* on {day}", "zh": "*已关闭*（{day}）"},
    # evaluations
    "cls.eval_modal_title": {"en": "Evaluation", "zh": "阶段性评估"},
    "cls.eval_actual": {"en": "Actual value of {metric} ({unit})", "zh": "{metric} 的实际值（{unit}）"},
    "cls.eval_result": {"en": "Result", "zh": "结果"},
    "cls.result_met": {"en": "Met", "zh": "达标"},
    "cls.result_partly": {"en": "Partly met", "zh": "部分达标"},
    "cls.result_missed": {"en": "Missed", "zh": "未达标"},
    "cls.eval_reasons": {
        "en": "Reasons for what was missed (required unless met)",
        "zh": "未达成的原因（除达标外必填）",
    },
    "cls.eval_next": {"en": "Next steps", "zh": "下一步"},
    "cls.eval_reasons_needed": {
        "en": "Say why the goal was not fully met.",
        "zh": "请说明未完全达标的原因。",
    },
    "cls.eval_bad_actual": {
        "en": "Write a number, like 11.5 (no unit).",
        "zh": "请填写数字，例如 11.5（不带单位）。",
    },
    "cls.eval_pick_result": {"en": "Pick a result.", "zh": "请选择结果。"},
    "cls.eval_saved": {
        "en": "Evaluation of {project} saved and posted to its departments' channels.",
        "zh": "{project} 的评估已保存，并已发到相关部门频道。",
    },
    "cls.eval_posted_title": {
        "en": "Evaluation of {project}{milestone}: {result}",
        "zh": "{project}{milestone} 阶段性评估：{result}",
    },
    "cls.eval_actual_line": {
        "en": "{metric}: baseline {baseline} → actual {actual} (target {target}) {unit}",
        "zh": "{metric}：基线 {baseline} → 实际 {actual}（目标 {target}）{unit}",
    },
    "cls.eval_reasons_line": {"en": "*Reasons:* {text}", "zh": "*原因：* {text}"},
    "cls.eval_next_line": {"en": "*Next steps:* {text}", "zh": "*下一步：* {text}"},
    "cls.eval_by": {"en": "Recorded by {user} on {day}", "zh": "{user} 于 {day} 记录"},
    "cls.evaluations": {"en": "Milestones and evaluations", "zh": "里程碑与阶段性评估"},
    "cls.eval_item": {
        "en": "{day}{milestone}: *{result}*{actual} — {user}",
        "zh": "{day}{milestone}：*{result}*{actual} — {user}",
    },
    "cls.milestones": {"en": "Milestones", "zh": "里程碑"},
    "cls.milestone_item": {"en": "{ref} {name} — {due}", "zh": "{ref} {name} — {due}"},
    "cls.eval_one_ref": {
        "en": "Name one milestone (MLS-n) or project (PRJ-n).",
        "zh": "请写一个里程碑（MLS-n）或项目（PRJ-n）。",
    },
    "cls.action_evaluate": {"en": "evaluate {ref}", "zh": "评估 {ref}"},
    "cls.gone": {"en": "{ref} is no longer there.", "zh": "{ref} 已不存在。"},
    "cls.bad_result": {
        "en": "{value} is not a result: write met, partly or missed (达标, 部分达标, 未达标).",
        "zh": "{value} 不是有效结果：请写 met、partly 或 missed（达标、部分达标、未达标）。",
    },
}

WORDS.update(
    {
        # retrospectives (复盘)
        "ret.started": {
            "en": "Started {ref} for {project}: {count} people asked for their input until {until}; "
            "the report goes out that day.",
            "zh": "已为 {project} 发起复盘 {ref}：已邀请 {count} 人在 {until} 前提交意见；当天发出复盘报告。",
        },
        "ret.no_measures": {
            "en": "{project} has no measures yet: there is nothing to look back on.",
            "zh": "{project} 还没有改进措施，无可复盘。",
        },
        "ret.until_past": {"en": "The date {until} is in the past.", "zh": "日期 {until} 已经过去。"},
        "ret.one_ref": {
            "en": "Name one retrospective (RET-n) or project (PRJ-n).",
            "zh": "请写一个复盘（RET-n）或项目（PRJ-n）。",
        },
        "ret.none_for_project": {"en": "{project} has no retrospective yet.", "zh": "{project} 还没有复盘。"},
        "ret.invitation": {
            "en": ":mag: *Retrospective {ref}* of {project}: what worked (to keep), what did not (to drop), "
            "and your suggestions — until {until}.",
            "zh": ":mag: {project} *复盘 {ref}*：亮点（保持）、不足（改进）和建议 —— 截止 {until}。",
        },
        "ret.reminder": {
            "en": ":hourglass: Reminder: the retrospective *{ref}* of {project} closes on {until}. Add your input.",
            "zh": ":hourglass: 提醒：{project} 的复盘 *{ref}* 将于 {until} 截止，请提交您的意见。",
        },
        "ret.home": {
            "en": ":mag: *{ref}* {project}: your input to the retrospective, until {until}.",
            "zh": ":mag: *{ref}* {project}：请在 {until} 前提交复盘意见。",
        },
        "ret.btn_input": {"en": "Add my input", "zh": "提交我的意见"},
        "ret.modal_title": {"en": "Retrospective", "zh": "复盘"},
        "ret.field_keep": {"en": "What worked — to keep (one per line)", "zh": "亮点 —— 保持（每行一条）"},
        "ret.field_drop": {"en": "What did not — to drop (one per line)", "zh": "不足 —— 改进（每行一条）"},
        "ret.field_suggestions": {"en": "Suggestions (one per line)", "zh": "建议（每行一条）"},
        "ret.field_name": {"en": "Your name", "zh": "署名"},
        "ret.named": {"en": "With my name", "zh": "署名"},
        "ret.anonymous": {"en": "Anonymous", "zh": "匿名"},
        "ret.anonymous_hint": {
            "en": "Anonymous: the bot records that you answered (to stop your reminder), not which input is yours.",
            "zh": "匿名：机器人只记录您已提交（不再提醒），不记录哪条意见是您的。",
        },
        "ret.empty_input": {
            "en": "Write at least one thing to keep, to drop or a suggestion.",
            "zh": "请至少填写一条亮点、不足或建议。",
        },
        "ret.saved_new": {
            "en": "Thank you: your input to {ref} is saved.",
            "zh": "谢谢：您对 {ref} 的意见已保存。",
        },
        "ret.saved_replaced": {
            "en": "Your input to {ref} is saved; it replaces the one you gave before.",
            "zh": "您对 {ref} 的意见已保存，并替换了您之前提交的意见。",
        },
        "ret.saved_added": {
            "en": "Your input to {ref} is saved. You answered before anonymously: that input cannot be told "
            "apart from the others', so it stays and this one is added.",
            "zh": "您对 {ref} 的意见已保存。您之前是匿名提交的，那条意见无法与他人的区分，因此保留，本条另行添加。",
        },
        "ret.report_title": {
            "en": "Retrospective report {ref} — {project}",
            "zh": "复盘报告 {ref} —— {project}",
        },
        "ret.evaluations": {"en": "Goal vs result", "zh": "目标与结果"},
        "ret.evaluation": {
            "en": "{result}: actual {actual} (target {target}) {unit}",
            "zh": "{result}：实际 {actual}（目标 {target}）{unit}",
        },
        "ret.figures_title": {"en": "Measures", "zh": "改进措施"},
        "ret.figures": {
            "en": "Done on time {on_time} · done late {late} · not done {not_done} (of {total})",
            "zh": "按期完成 {on_time} · 逾期完成 {late} · 未完成 {not_done}（共 {total}）",
        },
        "ret.keep": {"en": "Keep (what worked)", "zh": "亮点（保持）"},
        "ret.drop": {"en": "Drop (what did not)", "zh": "不足（改进）"},
        "ret.suggestions": {"en": "Suggestions", "zh": "建议"},
        "ret.none": {"en": "—", "zh": "—"},
        "ret.btn_keep": {"en": "Keep as practice", "zh": "固化为做法"},
        "ret.btn_drop": {"en": "Drop this step", "zh": "淘汰此环节"},
        "prc.kept": {
            "en": "Kept as a practice: {text} (from {project}). It appears in every new kickoff agenda.",
            "zh": "已固化为做法：{text}（来自 {project}）。它会出现在每个新的启动会议程中。",
        },
        "prc.dropped": {
            "en": "Dropped as a step: {text} (from {project}).",
            "zh": "已淘汰此环节：{text}（来自 {project}）。",
        },
        "prc.already": {"en": "The library already has it: {text}", "zh": "做法库中已有：{text}"},
        "prc.item_gone": {
            "en": "That item is no longer in {ref}'s inputs.",
            "zh": "{ref} 的意见中已没有这一条。",
        },
        "prc.action": {"en": "Keeping or dropping items of {ref}", "zh": "固化或淘汰 {ref} 的条目"},
        "prc.title": {"en": "Practice library", "zh": "做法库"},
        "prc.kept_title": {"en": "*Kept practices* (固化)", "zh": "*固化的做法*"},
        "prc.dropped_title": {"en": "*Dropped steps* (淘汰)", "zh": "*淘汰的环节*"},
        "prc.line": {"en": "• {text} — {project}", "zh": "• {text} —— {project}"},
        "prc.empty": {
            "en": "The library is empty: keep or drop items in a retrospective report (lead and admins).",
            "zh": "做法库为空：在复盘报告中固化或淘汰条目（负责人和管理员）。",
        },
        "ret.response_rate": {
            "en": "{answered} of the {asked} people asked answered.",
            "zh": "受邀 {asked} 人中 {answered} 人已提交。",
        },
    }
)

WORDS.update(
    {
        # the XLSX workbook's sheets (ui/workbook.py); headers are "|"-separated
        "wb.charter": {"en": "Charter", "zh": "项目章程"},
        "wb.charter_headers": {
            "en": "Project|Name|Goal|Due|Lead|Metric|Baseline|Target|Unit|Closed",
            "zh": "项目|名称|目标|截止日期|负责人|指标|基线|目标值|单位|关闭时间",
        },
        "wb.duty_headers": {"en": "Project|Department|Responsibility", "zh": "项目|部门|职责"},
        "wb.risk_headers": {
            "en": "Risk|Project|Risk|Plan|Owner|Status",
            "zh": "风险|项目|风险|预案|负责人|状态",
        },
        "wb.meetings": {"en": "Meetings", "zh": "会议"},
        "wb.meeting_headers": {
            "en": "Meeting|Project|Kind|Starts|Title|Attendees|Decisions",
            "zh": "会议|项目|类型|时间|标题|参会人|决议",
        },
        "wb.need_headers": {"en": "Meeting|Department|Need|By", "zh": "会议|部门|需求与期望|提出人"},
        "wb.changes": {"en": "Change requests", "zh": "需求变更"},
        "wb.change_headers": {
            "en": "Request|Project|Department|What changes|Impact|Measure|New date|Reason|State|Decided by|Note",
            "zh": "申请|项目|部门|变更内容|影响范围|措施|新日期|原因|状态|决定人|说明",
        },
        "wb.evaluations": {"en": "Evaluations", "zh": "阶段性评估"},
        "wb.evaluation_headers": {
            "en": "Project|Milestone|Actual|Result|Reasons|Next steps|By|At",
            "zh": "项目|里程碑|实际值|结果|原因|下一步|记录人|时间",
        },
        "wb.retros": {"en": "Retrospectives", "zh": "复盘"},
        "wb.retro_headers": {
            "en": "Retrospective|Project|Until|Asked|Answered|Author|Keep|Drop|Suggestions",
            "zh": "复盘|项目|截止|受邀|已提交|提交人|亮点|不足|建议",
        },
        "wb.summary": {"en": "Summary", "zh": "汇总"},
        "wb.department": {"en": "Department", "zh": "部门"},
        "wb.by_status": {"en": "Measures by status per department", "zh": "各部门措施状态"},
        "wb.day": {"en": "Day", "zh": "日期"},
    }
)
