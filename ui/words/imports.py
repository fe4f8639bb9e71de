"""``collab-bot import``: what a file holds, what would be created, the rows that cannot be read."""

from __future__ import annotations

WORDS: dict[str, dict[str, str]] = {
    # ------------------------------------------------------------ the file
    "import.bad_suffix": {
        "en": "{file}: give a .csv or .xlsx file (the improvement process table)",
        "zh": "{file}：请给出 .csv 或 .xlsx 文件（改进流程表）",
    },
    "import.no_file": {"en": "{file}: no such file", "zh": "{file}：文件不存在"},
    "import.unreadable": {
        "en": "{file} cannot be read ({error})",
        "zh": "无法读取 {file}（{error}）",
    },
    "import.missing_columns": {
        "en": "the header (row 1) lacks the column(s) {columns} — columns are found by their header, in Chinese or English",
        "zh": "表头（第 1 行）缺少列：{columns} —— 各列按表头识别，中文或英文均可",
    },
    "import.column_twice": {
        "en": 'the header "{header}" names a column that is already there',
        "zh": "表头“{header}”与已有的列重复",
    },
    # ------------------------------------------------------------ rows
    "import.no_project": {"en": "no project name", "zh": "没有项目名称"},
    "import.no_measure_text": {
        "en": "the measure column is empty, but the row has a deadline, owner, status or notes",
        "zh": "改进措施为空，但该行有时间节点、责任人、状态或备注",
    },
    "import.measure_without_problem": {
        "en": "a measure needs its problem in the problem column",
        "zh": "改进措施需要在问题描述列中写明所属问题",
    },
    "import.no_category": {
        "en": 'no category in the problem "{value}" — write it as [信息传递] … or info: …',
        "zh": "问题“{value}”没有类别 —— 请写成 [信息传递] … 或 信息传递：…",
    },
    "import.no_description": {
        "en": "the problem has a category but no description",
        "zh": "问题有类别但没有描述",
    },
    "import.no_deadline": {
        "en": "the measure has no deadline — write it as YYYY-MM-DD",
        "zh": "改进措施没有时间节点 —— 请写成 YYYY-MM-DD",
    },
    "import.ref_mismatch": {
        "en": "{ref} is another record in this workspace — take the reference off to import the row as a new one",
        "zh": "{ref} 在此工作区中是另一条记录 —— 去掉编号即可作为新记录导入",
    },
    "import.owner_needs_dept": {
        "en": 'give the department of the owner "{value}": <department> / <person>',
        "zh": "请写明责任人“{value}”的部门：<部门> / <人>",
    },
    # ------------------------------------------------------------ the report
    "import.title_dry": {
        "en": "{file} → workspace {team} (a dry run: nothing is written; add --apply to write)",
        "zh": "{file} → 工作区 {team}（试运行：不写入任何内容；加上 --apply 才会写入）",
    },
    "import.title_apply": {"en": "{file} → workspace {team}", "zh": "{file} → 工作区 {team}"},
    "import.rows": {
        "en": "rows read: {rows} (the header is row 1)",
        "zh": "读取行数：{rows}（表头为第 1 行）",
    },
    "import.would_create": {
        "en": "would create: {projects} project(s), {departments} department(s), {problems} problem(s), {measures} measure(s)",
        "zh": "将创建：项目 {projects} 个，部门 {departments} 个，问题 {problems} 个，改进措施 {measures} 条",
    },
    "import.created": {
        "en": "created: {projects} project(s), {departments} department(s), {problems} problem(s), {measures} measure(s)",
        "zh": "已创建：项目 {projects} 个，部门 {departments} 个，问题 {problems} 个，改进措施 {measures} 条",
    },
    "import.matched": {
        "en": "already there (matched by reference or name, left unchanged): {projects} project(s), {problems} problem(s), {measures} measure(s); rows repeating an earlier row: {repeated}",
        "zh": "已存在（按编号或名称匹配，未作更改）：项目 {projects} 个，问题 {problems} 个，改进措施 {measures} 条；与前面行重复的行：{repeated}",
    },
    "import.projects": {"en": "new projects: {names}", "zh": "新项目：{names}"},
    "import.departments": {
        "en": "new departments (no channel or head until an admin sets them): {names}",
        "zh": "新部门（在管理员设置之前没有频道和负责人）：{names}",
    },
    "import.owners": {
        "en": "owners: {matched} matched to Slack users, {unmatched} not matched (kept in the measure's notes)",
        "zh": "责任人：{matched} 位已匹配到 Slack 用户，{unmatched} 位未匹配（保留在措施备注中）",
    },
    "import.owner_unmatched": {"en": '  "{owner}" — {rows} row(s)', "zh": "  “{owner}”—— {rows} 行"},
    "import.no_slack": {
        "en": "owners are matched by Slack ID only: the bot has no token for this workspace (SLACK_BOT_TOKEN, or its OAuth install), so Slack cannot be asked for names and e-mail addresses",
        "zh": "仅按 Slack ID 匹配责任人：机器人没有此工作区的令牌（SLACK_BOT_TOKEN 或 OAuth 安装），无法向 Slack 查询姓名和邮箱",
    },
    "import.refused": {"en": "rows refused: {count}", "zh": "无法导入的行：{count}"},
    "import.row": {"en": "  row {row}: {reason}", "zh": "  第 {row} 行：{reason}"},
    "import.nothing_written": {
        "en": "nothing was written: correct the rows above and run the import again",
        "zh": "未写入任何内容：请修正以上各行后重新导入",
    },
    "import.owner_note": {"en": "Owner: {owner}", "zh": "责任人：{owner}"},
    "import.more": {"en": "…and {count} more", "zh": "……还有 {count} 个"},
}
