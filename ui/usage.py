"""How each ``/collab`` subcommand is written: shown after an error ("Usage: …")."""

from __future__ import annotations

USAGE = {
    "dept add": "/collab dept add <name> head=@user channel=#channel",
    "project add": '/collab project add "<name>" goal="<goal>" due=YYYY-MM-DD lead=@user depts=<dept>,<dept> '
    '[metric="<name>" baseline=<number> target=<number> unit="<unit>"]',
    "problem add": '/collab problem add PRJ-n <category> "<description>" [cause="<root cause>"]',
    "measure add": '/collab measure add PRB-n owner=@user dept=<dept> due=YYYY-MM-DD "<text>" [deliverable="…"] [note="…"]',
    "measure set": '/collab measure set MSR-n [status=<status>] [due=YYYY-MM-DD] [owner=@user] [note="…"] '
    '[text="…"] [deliverable="…"] [dept=<dept>]',
    "status": "/collab status [me | PRJ-n | <dept> | @user]",
    "export": "/collab export [PRJ-n] [csv|xlsx]",
    "config": '/collab config [tz=<IANA zone>] [lang=en|zh] [sync="fri 17:00"] [nudge="09:30"] '
    '[digest="mon 09:00"] [escalate_after=<days>] [holidays=<country code, e.g. CN>] [admins=@user,…] [agenda_days=<days>]',
    "dept set": '/collab dept set <dept> [name="…"] [head=@user] [channel=#channel]',
    "dept archive": "/collab dept archive <dept>",
    "dept restore": "/collab dept restore <dept>",
    "problem set": '/collab problem set PRB-n [category=<category>] [cause="…"] [text="…"]',
}
USAGE.update(
    {
        "project show": "/collab project show PRJ-n",
        "project set": '/collab project set PRJ-n [name="…"] [goal="…"] [due=YYYY-MM-DD] [lead=@user] '
        '[depts=<dept>,…] [metric="<name>"] [baseline=<number>] [target=<number>] [unit="<unit>"]',
        "duty": '/collab duty PRJ-n <dept> "<responsibility>"',
        "risk add": '/collab risk add PRJ-n "<risk>" plan="<mitigation>" [owner=@user]',
        "risk set": '/collab risk set RSK-n [status=open|closed|occurred] [plan="…"] [owner=@user]',
        "meeting add": '/collab meeting add PRJ-n kickoff|adhoc at="YYYY-MM-DD HH:MM" ["<title>"] '
        '[depts=<dept>,…] [topics="<a>; <b>"]',
        "meeting list": "/collab meeting list [PRJ-n]",
        "meeting minutes": "/collab meeting minutes MTG-n",
        "change add": '/collab change add PRJ-n "<what changes>" impact="<scope of impact>" dept=<dept> '
        "[measure=MSR-n] [due=YYYY-MM-DD]",
        "change list": "/collab change list [PRJ-n]",
    }
)
USAGE.update(
    {
        "milestone add": '/collab milestone add PRJ-n "<name>" due=YYYY-MM-DD',
        "evaluate": "/collab evaluate MLS-n|PRJ-n",
        "project close": "/collab project close PRJ-n",
        "project reopen": "/collab project reopen PRJ-n",
        "retro start": "/collab retro start PRJ-n [until=YYYY-MM-DD]",
        "retro show": "/collab retro show RET-n|PRJ-n",
        "practices": "/collab practices",
    }
)
