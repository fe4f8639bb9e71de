"""Words of the forms (modals): titles, field labels, hints."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    "form.project_title": {"en": "New project", "zh": "新建项目"},
    "form.name": {"en": "Project name (项目名称)", "zh": "项目名称"},
    "form.goal": {
        "en": "Goal — specific, measurable, time-bound (协作目标)",
        "zh": "协作目标（具体、可衡量、有时限）",
    },
    "form.goal_hint": {
        "en": "e.g. ship the new product in Q3 and lift conversion by 15%",
        "zh": "例如：第三季度上线新产品，用户转化率提升 15%",
    },
    "form.due": {"en": "Deadline", "zh": "截止日期"},
    "form.lead": {"en": "Project lead", "zh": "项目负责人"},
    "form.depts": {"en": "Departments involved (涉及部门)", "zh": "涉及部门"},
    "form.problem_title": {"en": "Log a problem", "zh": "记录问题"},
    "form.project": {"en": "Project", "zh": "项目"},
    "form.category": {"en": "Category", "zh": "问题类别"},
    "form.description": {"en": "Problem (问题描述)", "zh": "问题描述"},
    "form.cause": {"en": "Root cause (根本原因)", "zh": "根本原因"},
    "form.measure_title": {"en": "Add a measure", "zh": "添加改进措施"},
    "form.problem": {"en": "Problem", "zh": "问题"},
    "form.text": {"en": "Improvement measure (改进措施)", "zh": "改进措施"},
    "form.owner": {"en": "Owner (责任人)", "zh": "责任人"},
    "form.dept": {"en": "Owner department (责任部门)", "zh": "责任部门"},
    "form.deliverable": {"en": "Deliverable standard (交付标准)", "zh": "交付标准"},
    "form.note": {"en": "Notes (备注)", "zh": "备注"},
    "form.project_search": {"en": "Type a name or PRJ-n to search", "zh": "输入项目名称或 PRJ-n 搜索"},
    "form.problem_search": {
        "en": "Type words of the problem or PRB-n to search",
        "zh": "输入问题描述或 PRB-n 搜索",
    },
    "form.dept_search": {"en": "Type a department name to search", "zh": "输入部门名称搜索"},
}
