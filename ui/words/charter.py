"""Words of the project charter (前期准备): project show / set, duties, risks."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ errors
    "chr.bad_risk_status": {
        "en": 'status="{value}" — write open, closed or occurred',
        "zh": "status=“{value}”无效 —— 请写 open（未关闭）、closed（已关闭）或 occurred（已发生）",
    },
    "chr.one_project": {
        "en": "give exactly one project reference, e.g. PRJ-1",
        "zh": "请只给出一个项目编号，例如 PRJ-1",
    },
    "chr.one_risk": {
        "en": "give exactly one risk reference, e.g. RSK-1",
        "zh": "请只给出一个风险编号，例如 RSK-1",
    },
    "chr.nothing_to_set": {
        "en": "say what to change: name=, goal=, due=, lead=, depts=, metric=, baseline=, target= or unit=",
        "zh": "请说明要修改什么：name=、goal=、due=、lead=、depts=、metric=、baseline=、target= 或 unit=",
    },
    "chr.risk_nothing_to_set": {
        "en": "say what to change: status=, plan= or owner=",
        "zh": "请说明要修改什么：status=、plan= 或 owner=",
    },
    "chr.duty_args": {
        "en": 'give the project, the department and its responsibility in quotes, e.g. PRJ-1 Sales "owns the launch plan"',
        "zh": "请给出项目编号、部门和带引号的职责，例如 PRJ-1 销售部 “负责上线计划”",
    },
    "chr.risk_args": {
        "en": "give the project and the risk in quotes, then plan=",
        "zh": "请给出项目编号和带引号的风险描述，再写 plan=",
    },
    "chr.empty_text": {"en": "the {what} is empty — write it in quotes", "zh": "{what}为空 —— 请写在引号里"},
    "chr.what_responsibility": {"en": "responsibility", "zh": "职责"},
    "chr.what_risk": {"en": "risk", "zh": "风险描述"},
    "chr.what_name": {"en": "name", "zh": "名称"},
    "chr.what_goal": {"en": "goal", "zh": "目标"},
    "chr.what_plan": {"en": "plan", "zh": "预案"},
    "chr.metric_needs_numbers": {
        "en": 'a metric needs both baseline= and target= (numbers), e.g. metric="user conversion" baseline=10 target=11.5 unit=%',
        "zh": "衡量指标需要同时给出 baseline= 和 target=（数字），例如 metric=“用户转化率” baseline=10 target=11.5 unit=%",
    },
    "chr.field_number": {"en": "Write a number, e.g. 11.5", "zh": "请填写数字，例如 11.5"},
    "chr.field_metric": {
        "en": "Give the metric a name, and both baseline and target.",
        "zh": "请填写指标名称，并同时填写基线值和目标值。",
    },
    "term.metric": {"en": "metric", "zh": "衡量指标"},
    "term.unit": {"en": "unit", "zh": "单位"},
    "term.plan": {"en": "plan", "zh": "预案"},
    "term.responsibility": {"en": "responsibility", "zh": "职责"},
    # ------------------------------------------------------------ who may
    "chr.action_change_project": {"en": "Changing {ref}", "zh": "修改 {ref}"},
    "chr.who_project": {"en": "its lead {lead} and admins", "zh": "项目负责人 {lead} 和管理员"},
    "chr.action_change_risk": {"en": "Changing {ref}", "zh": "修改 {ref}"},
    "chr.who_risk": {
        "en": "the risk's owner, the project lead {lead} and admins",
        "zh": "风险负责人、项目负责人 {lead} 和管理员",
    },
    # ------------------------------------------------------------ answers
    "chr.project_updated": {
        "en": ":pencil2: *{ref}* updated: {fields}",
        "zh": ":pencil2: *{ref}* 已更新：{fields}",
    },
    "chr.project_unchanged": {
        "en": "*{ref}* already has those values; nothing changed.",
        "zh": "*{ref}* 已是这些值，未做更改。",
    },
    "chr.duty_set": {
        "en": ":white_check_mark: *{dept}* in {ref}: {text}",
        "zh": ":white_check_mark: {ref} 中 *{dept}* 的职责：{text}",
    },
    "chr.duty_joined": {
        "en": "({dept} was not involved in {ref} yet; it is now.)",
        "zh": "（{dept} 原本不在 {ref} 的涉及部门中，现已加入。）",
    },
    "chr.risk_added": {
        "en": ":white_check_mark: *{ref}* added to {project}: {text}",
        "zh": ":white_check_mark: 已为 {project} 添加风险 *{ref}*：{text}",
    },
    "chr.risk_updated": {
        "en": ":pencil2: *{ref}* updated: {fields}",
        "zh": ":pencil2: *{ref}* 已更新：{fields}",
    },
    "chr.risk_unchanged": {
        "en": "*{ref}* already has those values; nothing changed.",
        "zh": "*{ref}* 已是这些值，未做更改。",
    },
    # ------------------------------------------------------------ the charter
    "chr.lead": {"en": "Lead", "zh": "负责人"},
    "chr.due": {"en": "Due", "zh": "截止"},
    "chr.goal": {"en": "Goal (协作目标)", "zh": "协作目标"},
    "chr.metric": {
        "en": "Metric: *{metric}* — baseline {baseline}{unit} → target {target}{unit}",
        "zh": "衡量指标：*{metric}* —— 基线 {baseline}{unit} → 目标 {target}{unit}",
    },
    "chr.departments": {"en": "*Departments and responsibilities (职责)*", "zh": "*涉及部门及职责*"},
    "chr.no_duty": {"en": "_no responsibility set — `/collab duty`_", "zh": "_未设置职责 —— `/collab duty`_"},
    "chr.risks": {"en": "*Risks and plans (风险与预案)*", "zh": "*风险与预案*"},
    "chr.risk_line": {
        "en": "*{ref}* {text} — plan: {plan} · owner {owner} · {status}",
        "zh": "*{ref}* {text} —— 预案：{plan} · 负责人 {owner} · {status}",
    },
    "chr.meetings": {"en": "*Meetings*", "zh": "*会议*"},
    "chr.milestones": {"en": "*Milestones*", "zh": "*里程碑*"},
    "chr.problems": {"en": "*Problems by category*", "zh": "*问题（按类别）*"},
    "chr.measures": {"en": "*Measures by status*", "zh": "*措施（按状态）*"},
    "chr.changes": {"en": "*Open change requests*", "zh": "*待处理的变更申请*"},
    "chr.none": {"en": "_none_", "zh": "_无_"},
    "risk.open": {"en": "open", "zh": "未关闭"},
    "risk.closed": {"en": "closed", "zh": "已关闭"},
    "risk.occurred": {"en": "occurred", "zh": "已发生"},
    "chr.field.name": {"en": "name", "zh": "名称"},
    "chr.field.goal": {"en": "goal", "zh": "目标"},
    "chr.field.due": {"en": "due", "zh": "截止日期"},
    "chr.field.lead_user_id": {"en": "lead", "zh": "负责人"},
    "chr.field.departments": {"en": "departments", "zh": "涉及部门"},
    "chr.field.metric": {"en": "metric", "zh": "衡量指标"},
    "chr.field.baseline": {"en": "baseline", "zh": "基线值"},
    "chr.field.target": {"en": "target", "zh": "目标值"},
    "chr.field.unit": {"en": "unit", "zh": "单位"},
    "chr.field.status": {"en": "status", "zh": "状态"},
    "chr.field.plan": {"en": "plan", "zh": "预案"},
    "chr.field.owner_user_id": {"en": "owner", "zh": "负责人"},
    # ------------------------------------------------------------ the project form
    "form.metric": {"en": "Metric (衡量指标), e.g. user conversion", "zh": "衡量指标，例如：用户转化率"},
    "form.baseline": {"en": "Baseline (a number)", "zh": "基线值（数字）"},
    "form.target": {"en": "Target (a number)", "zh": "目标值（数字）"},
    "form.unit": {"en": "Unit, e.g. %", "zh": "单位，例如 %"},
}
